import { deliver } from './fanout';
import type { OpenConnection, SessionCheck, StreamDeps } from './ports';

/** Told to a connection before it is closed because its session fell. */
export const sessionRevokedMessage = {
  event: 'error',
  code: 'SESSION_REVOKED',
  message: 'The session of this connection was revoked or expired; sign in and reconnect',
} as const;

/**
 * Sends `{ "event": "heartbeat", "time" }` to every open connection and forgets the gone ones.
 * Scheduled (every minute in AWS, every 30 s locally); a client that hears nothing for two
 * intervals reconnects and resumes. API Gateway also drops a connection idle for 10 minutes,
 * which the heartbeats prevent.
 *
 * A token is verified only at `$connect`, so each heartbeat also re-checks the session of every
 * authenticated connection (once per session): one whose session was revoked (logout, "sign out
 * everywhere", a password change) or expired, or whose account was suspended or closed, is told
 * `SESSION_REVOKED` and closed. Private pushes thus stop within one interval, not at the 2-hour
 * connection limit.
 */
export async function sendHeartbeats(
  deps: StreamDeps & { sessions: SessionCheck },
): Promise<{ connections: number; revoked: number; unchecked: number }> {
  const connections = await deps.connections.all();
  const verdicts = new Map<string, Promise<boolean>>();
  let unchecked = 0;
  const stands = ({ userId, sessionId }: OpenConnection): Promise<boolean> => {
    if (userId === null || sessionId === null) return Promise.resolve(true);
    const key = `${userId}\u0000${sessionId}`;
    let verdict = verdicts.get(key);
    if (verdict === undefined) {
      // A read that fails (throttled) leaves the connection open until the next interval's
      // check, rather than failing the whole run.
      verdict = deps.sessions.stands(userId, sessionId).catch(() => {
        unchecked += 1;
        return true;
      });
      verdicts.set(key, verdict);
    }
    return verdict;
  };
  const message = { event: 'heartbeat', time: new Date(deps.nowMs()).toISOString() };
  let revoked = 0;
  await Promise.all(
    connections.map(async (connection) => {
      const { connectionId } = connection;
      if (!(await stands(connection))) {
        revoked += 1;
        await deps.poster.post(connectionId, sessionRevokedMessage).catch(() => false);
        await deps.poster.close(connectionId).catch(() => undefined);
        await deps.connections.remove(connectionId);
        return;
      }
      await deliver(deps, connectionId, message);
    }),
  );
  return { connections: connections.length, revoked, unchecked };
}
