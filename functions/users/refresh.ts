import { AuthenticationError } from '../../shared/domain/errors';
import { mayAuthenticate } from '../../shared/domain/user-status';
import type { IdentityProvider } from './identity-provider';
import { refreshTokenHash } from './open-session';
import type { Clock, SessionStore, UserRepository } from './ports';
import { asRateLimit, isRefusal } from './provider-limits';

export interface RefreshDeps {
  readonly idp: IdentityProvider;
  readonly users: UserRepository;
  readonly sessions: SessionStore;
  readonly clock: Clock;
}

export interface Refreshed {
  readonly accessToken: string;
  readonly idToken: string;
  readonly expiresIn: number;
  readonly sessionId: string;
}

const REFUSED = 'The refresh token is invalid, expired or revoked';

/**
 * A new access token, bound to the refresh token's session: the session must be live and the
 * account active before Cognito is even asked, and the new token's `jti` is registered to the
 * same session so the authorizer can refuse it the moment the session is revoked.
 */
export async function refresh(deps: RefreshDeps, refreshToken: string): Promise<Refreshed> {
  const link = await deps.sessions.findByRefreshTokenHash(refreshTokenHash(refreshToken));
  if (link === undefined) throw new AuthenticationError(REFUSED);
  const now = deps.clock.now().toISOString();
  const [session, profile] = await Promise.all([
    deps.sessions.get(link.userId, link.sessionId),
    deps.users.get(link.userId),
  ]);
  const live = session !== undefined && session.revokedAt === null && session.expiresAt > now;
  if (!live || profile === undefined || !mayAuthenticate(profile.status)) {
    throw new AuthenticationError(REFUSED);
  }
  let tokens;
  try {
    tokens = await deps.idp.refresh(refreshToken);
  } catch (error) {
    if (isRefusal(error, 'invalid_credentials', 'not_confirmed')) {
      throw new AuthenticationError(REFUSED);
    }
    throw asRateLimit(error);
  }
  if (tokens.userId !== link.userId) throw new AuthenticationError(REFUSED);
  await deps.sessions.addToken(
    link.userId,
    link.sessionId,
    { tokenId: tokens.tokenId, expiresAt: tokens.expiresAt },
    now,
  );
  return {
    accessToken: tokens.accessToken,
    idToken: tokens.idToken,
    expiresIn: tokens.expiresIn,
    sessionId: link.sessionId,
  };
}
