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
