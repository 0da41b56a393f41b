import { createHash } from 'node:crypto';
import { AuthenticationError } from '../../shared/domain/errors';
import { mayAuthenticate } from '../../shared/domain/user-status';
import type { AttemptReceipt, AttemptThrottle } from './attempt-throttle';
import type { IdentityProvider, IssuedTokens } from './identity-provider';
import type { SessionStore, UserRepository } from './ports';
import { newProfile } from './profiles';
import {
  recordSecurityEvent,
  type RequestContext,
  type SecurityEventDeps,
} from './security-events';

export interface SessionDeps extends SecurityEventDeps {
  readonly idp: IdentityProvider;
  readonly users: UserRepository;
  readonly sessions: SessionStore;
  readonly throttle: AttemptThrottle;
  /** How long a session lives without a new sign-in (the refresh token's validity). */
  readonly sessionDays: number;
}

/** What every successful sign-in answers. */
export interface SignedIn {
  readonly accessToken: string;
  readonly refreshToken: string;
  readonly idToken: string;
  readonly expiresIn: number;
  readonly sessionId: string;
}

/** The one message of every failed sign-in, whatever failed: no enumeration, no hints. */
export const SIGN_IN_FAILED = 'Invalid email or password';

/** Refresh tokens are stored, looked up and compared by hash only. */
export const refreshTokenHash = (token: string): string =>
  createHash('sha256').update(token).digest('hex');

/**
 * Turns freshly issued tokens into a session: the profile must be `ACTIVE` (an account made
 * outside the sign-up flow, such as the seeded admin, gets its profile now), then the session,
 * its first access token and its refresh-token hash are stored, and the sign-in is recorded.
 * An inactive account's tokens are revoked at once and the sign-in fails like any other.
 * `attempt` is the sign-in throttle's receipt, given back as a success.
 */
export async function openSession(
  deps: SessionDeps,
  tokens: IssuedTokens,
  email: string,
  context: RequestContext,
  method: 'password' | 'totp',
  attempt: AttemptReceipt,
): Promise<SignedIn> {
  const now = deps.clock.now();
  const at = now.toISOString();
  const refreshToken = tokens.refreshToken;
  if (refreshToken === undefined) throw new Error('a sign-in returned no refresh token');
  let profile = await deps.users.get(tokens.userId);
  if (profile === undefined) {
    const created = newProfile({
      userId: tokens.userId,
      email,
      username: null,
      groups: tokens.groups,
      at,
    });
    await deps.users.create(created, {
      userId: tokens.userId,
      from: 'PENDING_VERIFICATION',
      to: 'ACTIVE',
      reason: 'first sign-in of a provisioned account',
      actor: 'system',
      at,
    });
    profile = (await deps.users.get(tokens.userId)) ?? created;
  }
  if (!mayAuthenticate(profile.status)) {
    // Best effort: no session is opened, so the authorizer refuses these tokens anyway.
    await deps.idp.revokeRefreshToken(refreshToken).catch(() => undefined);
    await recordSecurityEvent(deps, {
      userId: profile.userId,
      type: 'login',
      result: 'denied',
      context,
      details: { status: profile.status, method },
    });
    throw new AuthenticationError(SIGN_IN_FAILED);
  }
  const sessionId = deps.ids.uuid();
  await deps.sessions.create(
    {
      id: sessionId,
      userId: profile.userId,
      ip: context.ip,
      userAgent: context.userAgent.slice(0, 512),
      createdAt: at,
      lastSeenAt: at,
      expiresAt: new Date(now.getTime() + deps.sessionDays * 86_400_000).toISOString(),
      revokedAt: null,
    },
    { tokenId: tokens.tokenId, expiresAt: tokens.expiresAt },
    refreshTokenHash(refreshToken),
  );
  await deps.users.recordLogin(profile.userId, at);
  await deps.throttle.succeeded('login', email, context.ip, attempt);
  await recordSecurityEvent(deps, {
    userId: profile.userId,
    type: 'login',
    result: 'success',
    context,
    details: { session_id: sessionId, method },
  });
  return {
    accessToken: tokens.accessToken,
    refreshToken,
    idToken: tokens.idToken,
    expiresIn: tokens.expiresIn,
    sessionId,
  };
}
