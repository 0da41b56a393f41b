import { buildHeartbeatDeps, streamsLogger } from './deps';
import { sendHeartbeats } from './heartbeat';

const deps = buildHeartbeatDeps();

/** Scheduled: a heartbeat to every open connection; connections whose session fell close. */
export async function handler(): Promise<{ connections: number; revoked: number }> {
  const result = await sendHeartbeats(deps);
  streamsLogger.debug('heartbeats sent', result);
  return result;
}
