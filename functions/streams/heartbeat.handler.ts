import { buildHeartbeatDeps, streamsLogger } from './deps';
import { sendHeartbeats } from './heartbeat';

const deps = buildHeartbeatDeps();

/** Scheduled: a heartbeat to every open connection; connections whose session fell close. */
export async function handler(): Promise<{
  connections: number;
  revoked: number;
  unchecked: number;
}> {
  const result = await sendHeartbeats(deps);
  if (result.unchecked > 0) {
    streamsLogger.warn('sessions left unchecked until the next heartbeat', result);
  } else {
    streamsLogger.debug('heartbeats sent', result);
  }
  return result;
}
