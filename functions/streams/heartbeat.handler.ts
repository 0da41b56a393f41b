import { buildStreamDeps, streamsLogger } from './deps';
import { sendHeartbeats } from './heartbeat';

const deps = buildStreamDeps();

/** Scheduled: a heartbeat to every open connection. */
export async function handler(): Promise<{ connections: number }> {
  const connections = await sendHeartbeats(deps);
  streamsLogger.debug('heartbeats sent', { connections });
  return { connections };
}
