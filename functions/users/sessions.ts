import { AuthenticationError, NotFoundError } from '../../shared/domain/errors';
import type { Identity } from '../../shared/http/identity';
import type { IdentityProvider } from './identity-provider';
import { refreshTokenHash } from './open-session';
import type { Page, PageRequest, Session, SessionStore } from './ports';
import {
  recordSecurityEvent,
  type RequestContext,
  type SecurityEventDeps,
} from './security-events';

export interface SessionsDeps extends SecurityEventDeps {
  readonly sessions: SessionStore;
}

/** Revokes every live session of a user (but `keep`); the count revoked. */
export async function revokeAllSessions(
  sessions: SessionStore,
  userId: string,
  at: string,
  reason: string,
  keep?: string,
): Promise<number> {
  const ids = (await sessions.liveIds(userId, at)).filter((id) => id !== keep);
  const revoked = await Promise.all(ids.map((id) => sessions.revoke(userId, id, at, reason)));
  return revoked.filter(Boolean).length;
}

/** The caller's live sessions, newest first. */
export function listSessions(
  deps: Pick<SessionsDeps, 'sessions' | 'clock'>,
  identity: Identity,
  page: PageRequest,
): Promise<Page<Session>> {
  return deps.sessions.listLive(identity.userId, deps.clock.now().toISOString(), page);
}

/** Revokes one of the caller's own sessions; another user's session id is simply not found. */
export async function revokeSession(
  deps: SessionsDeps,
  identity: Identity,
  sessionId: string,
  context: RequestContext,
): Promise<void> {
  const at = deps.clock.now().toISOString();
  if (!(await deps.sessions.revoke(identity.userId, sessionId, at, 'revoked by user'))) {
    throw new NotFoundError('No such session');
  }
  await recordSecurityEvent(deps, {
    userId: identity.userId,
    type: 'session.revoked',
    result: 'success',
    context,
    details: { session_id: sessionId, current: sessionId === identity.sessionId },
  });
}

/** Revokes every other session of the caller, or (`all`) this one too. */
export async function revokeSessions(
  deps: SessionsDeps,
  identity: Identity,
  scope: 'others' | 'all',
  context: RequestContext,
): Promise<number> {
  const at = deps.clock.now().toISOString();
  const keep = scope === 'others' ? identity.sessionId : undefined;
  const revoked = await revokeAllSessions(
    deps.sessions,
    identity.userId,
    at,
    `revoked by user (${scope})`,
    keep,
  );
  await recordSecurityEvent(deps, {
    userId: identity.userId,
    type: 'sessions.revoked',
    result: 'success',
    context,
    details: { scope, revoked },
  });
  return revoked;
}

/**
 * Ends the caller's session. A refresh token sent along is also revoked at Cognito, provided
 * it belongs to this very session (never someone else's token on our say-so).
 */
export async function logout(
  deps: SessionsDeps & { readonly idp: IdentityProvider },
  identity: Identity,
  refreshToken: string | undefined,
  context: RequestContext,
): Promise<string> {
  const sessionId = identity.sessionId;
  if (sessionId === undefined) throw new AuthenticationError('The session has been revoked');
  const at = deps.clock.now().toISOString();
  await deps.sessions.revoke(identity.userId, sessionId, at, 'logout');
  if (refreshToken !== undefined) {
    const link = await deps.sessions.findByRefreshTokenHash(refreshTokenHash(refreshToken));
    if (link?.sessionId === sessionId && link.userId === identity.userId) {
      // Best effort: the session is already revoked here, which the API enforces on its own.
      await deps.idp.revokeRefreshToken(refreshToken).catch(() => undefined);
    }
  }
  await recordSecurityEvent(deps, {
    userId: identity.userId,
    type: 'logout',
    result: 'success',
    context,
    details: { session_id: sessionId },
  });
  return sessionId;
}
