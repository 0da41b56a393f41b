/**
 * Ports to the identity provider (Cognito). Adapters translate the provider's failures into
 * {@link IdentityProviderError} reasons, so use cases never see SDK error types.
 */
export type IdentityFailure =
  /** Unknown user, wrong password, disabled user: indistinguishable on purpose. */
  | 'invalid_credentials'
  | 'not_confirmed'
  | 'account_exists'
  /** A wrong, expired or already-used code (or a code for an unknown user). */
  | 'code_mismatch'
  /** The challenge session of an MFA sign-in is unknown or expired. */
  | 'challenge_expired'
  | 'invalid_password'
  | 'limit_exceeded'
  | 'not_found';

export class IdentityProviderError extends Error {
  override readonly name = 'IdentityProviderError';
  constructor(
    readonly reason: IdentityFailure,
    options?: { cause?: unknown },
  ) {
    super(`identity provider refused: ${reason}`, options);
  }
}

/** Tokens the provider issued, with the access token's claims we rely on. */
export interface IssuedTokens {
  readonly accessToken: string;
  readonly idToken: string;
  /** Absent on a refresh (Cognito does not rotate refresh tokens). */
  readonly refreshToken: string | undefined;
  /** Cognito `sub`. */
  readonly userId: string;
  /** The access token's `jti`. */
  readonly tokenId: string;
  readonly groups: readonly string[];
  /** The access token's lifetime in seconds (`ExpiresIn`, else `exp − iat`). */
  readonly expiresIn: number;
  /** ISO-8601 UTC of the access token's `exp`. */
  readonly expiresAt: string;
}

export type PasswordAuthResult =
  | { readonly kind: 'tokens'; readonly tokens: IssuedTokens }
  | { readonly kind: 'mfa'; readonly session: string };

/** What the user-facing flows ask of the provider. */
export interface IdentityProvider {
  /** Creates an unconfirmed account, mails a code and answers its `sub`; `account_exists` when taken. */
  signUp(email: string, password: string, username: string | undefined): Promise<string>;
  confirmSignUp(email: string, code: string): Promise<void>;
  passwordAuth(email: string, password: string): Promise<PasswordAuthResult>;
  answerTotpChallenge(email: string, session: string, code: string): Promise<IssuedTokens>;
  refresh(refreshToken: string): Promise<IssuedTokens>;
  revokeRefreshToken(refreshToken: string): Promise<void>;
  changePassword(accessToken: string, previous: string, proposed: string): Promise<void>;
  /** Mails a reset code; resolves also for an unknown address. */
  forgotPassword(email: string): Promise<void>;
  confirmForgotPassword(email: string, code: string, password: string): Promise<void>;
  /** A new TOTP secret (base32) bound to the token's user, not yet verified. */
  associateTotp(accessToken: string): Promise<string>;
  verifyTotp(accessToken: string, code: string): Promise<void>;
  setTotpMfa(accessToken: string, enabled: boolean): Promise<void>;
}

/** An account as the provider's admin API sees it. */
export interface ProviderAccount {
  readonly userId: string;
  readonly email: string;
  readonly preferredUsername: string | null;
  readonly confirmed: boolean;
  readonly enabled: boolean;
}

/** Admin operations on accounts, addressed by `sub` (or email where noted). */
export interface IdentityAdmin {
  findAccount(email: string): Promise<ProviderAccount | undefined>;
  /** Deletes the account; one already gone (a concurrent sign-up deleted it) is no error. */
  deleteAccount(email: string): Promise<void>;
  addToGroup(userId: string, group: string): Promise<void>;
  removeFromGroup(userId: string, group: string): Promise<void>;
  disable(userId: string): Promise<void>;
  enable(userId: string): Promise<void>;
  /** Invalidates every refresh token of the user; false where the provider cannot (emulator). */
  signOutEverywhere(userId: string): Promise<boolean>;
}
