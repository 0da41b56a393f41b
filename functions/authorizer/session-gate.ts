import type { AnonymousReason } from '../../shared/http/identity';
import { baseGroup as BASE_GROUP } from '../../shared/domain/identity';
import type { SessionState, SessionStateReader, VerifiedToken } from './ports';

/** The caller's session and the roles both the token and the profile grant, or why not. */
export type GateVerdict =
  | {
      readonly sessionId: string;
      readonly groups: readonly string[];
      readonly feeTier?: number;
    }
  | { readonly reason: Exclude<AnonymousReason, 'missing_token'> };

/** Checks that a verified token still stands: its session live, its account active. */
export interface SessionGate {
  check(token: VerifiedToken): Promise<GateVerdict>;
}

/**
 * Why a session no longer stands at `nowIso`, or undefined when it does: its account must be
 * active and the session neither revoked nor expired. Shared by the gate and the streams'
 * heartbeat, which closes connections whose session fell.
 */
export function sessionFault(
  { session, account }: SessionState,
  nowIso: string,
): 'inactive_user' | 'revoked' | undefined {
  if (account === undefined || account.status !== 'ACTIVE') return 'inactive_user';
  if (session === undefined || session.revokedAt !== null || session.expiresAt <= nowIso) {
    return 'revoked';
  }
  return undefined;
}

/** Bounded insertion-ordered cache: the oldest entry goes when it is full. */
class BoundedMap<V> {
  private readonly entries = new Map<string, V>();
  constructor(private readonly capacity: number) {}
  get(key: string): V | undefined {
    return this.entries.get(key);
  }
  set(key: string, value: V): void {
    this.entries.delete(key);
    this.entries.set(key, value);
    if (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
  }
}

/**
 * The session and status check behind "a revoked session, a suspended or closed account, is
 * refused on the next request". Per warm container it caches only what cannot change: which
 * session a `jti` belongs to (until the token expires) and that a session was revoked (for
 * good). Whether a session is revoked and the account active is read on every request — a
 * cache of a few seconds there would let a revoked token through for those seconds.
 *
 * Tokens we did not issue (obtained from Cognito directly, bypassing login and refresh) have no
 * session and are refused: a revoked session's refresh token cannot mint usable tokens. The
 * roles granted are those in both the token and the profile, so removing a role takes effect at
 * once while adding one waits for the next token.
 */
export function sessionGate(
  reader: SessionStateReader,
  nowMs: () => number = Date.now,
  capacity = 10_000,
): SessionGate {
  const tokenSessions = new BoundedMap<{ sessionId: string; expiresAtMs: number }>(capacity);
  const revokedSessions = new BoundedMap<true>(capacity);

  return {
    async check(token) {
      if (token.tokenId === undefined) return { reason: 'invalid_token' };
      const tokenKey = `${token.sub}|${token.tokenId}`;
      let link = tokenSessions.get(tokenKey);
      if (link === undefined) {
        link = await reader.tokenSession(token.sub, token.tokenId);
        if (link === undefined) return { reason: 'invalid_token' };
        tokenSessions.set(tokenKey, link);
      }
      if (link.expiresAtMs <= nowMs()) return { reason: 'invalid_token' };
      const sessionKey = `${token.sub}|${link.sessionId}`;
      if (revokedSessions.get(sessionKey)) return { reason: 'revoked' };
      const state = await reader.state(token.sub, link.sessionId);
      const fault = sessionFault(state, new Date(nowMs()).toISOString());
      if (fault === 'revoked') revokedSessions.set(sessionKey, true);
      if (fault !== undefined) return { reason: fault };
      const account = state.account!;
      const confirmed = token.groups.filter((group) => account.groups.includes(group));
      const groups =
        account.groups.includes(BASE_GROUP) && !confirmed.includes(BASE_GROUP)
          ? [BASE_GROUP, ...confirmed]
          : confirmed;
      return {
        sessionId: link.sessionId,
        groups,
        ...(account.feeTier === undefined ? {} : { feeTier: account.feeTier }),
      };
    },
  };
}
