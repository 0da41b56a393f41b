/** The claims the platform relies on, from a verified Cognito access token. */
export interface VerifiedToken {
  readonly sub: string;
  readonly groups: readonly string[];
  readonly tokenId: string | undefined;
}

/** Verifies a bearer token's signature, issuer, expiry, use and client; throws when invalid. */
export interface TokenVerifier {
  verifyAccessToken(token: string): Promise<VerifiedToken>;
}

/** What the authorizer needs to know about a session and its account, on every request. */
export interface SessionState {
  /** Undefined when there is no such session. */
  readonly session: { readonly revokedAt: string | null; readonly expiresAt: string } | undefined;
  /** Undefined when the account has no profile. */
  readonly account:
    | {
        readonly status: string;
        readonly groups: readonly string[];
        /** The profile's fee tier (1–5); it also sets the order-entry rate limit. */
        readonly feeTier?: number;
      }
    | undefined;
}

/** Reads the session registry and profiles (the Users table) for the authorizer. */
export interface SessionStateReader {
  /** The session an access token (`jti`) of this user was issued to, if it was issued by us. */
  tokenSession(
    userId: string,
    tokenId: string,
  ): Promise<{ readonly sessionId: string; readonly expiresAtMs: number } | undefined>;
  state(userId: string, sessionId: string): Promise<SessionState>;
}
