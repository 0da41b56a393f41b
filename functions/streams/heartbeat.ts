import type { StreamDeps } from './ports';

/**
 * Sends `{ "event": "heartbeat", "time" }` to every open connection and forgets the gone ones.
 * Scheduled (every minute in AWS, every 30 s locally); a client that hears nothing for two
 * intervals reconnects and resumes. API Gateway also drops a connection idle for 10 minutes,
 * which the heartbeats prevent.
 */
export async function sendHeartbeats(deps: StreamDeps): Promise<number> {
  const connections = await deps.connections.all();
  const message = { event: 'heartbeat', time: new Date(deps.nowMs()).toISOString() };
  await Promise.all(
    connections.map(async (connectionId) => {
      if (!(await deps.poster.post(connectionId, message))) {
        await deps.connections.remove(connectionId);
      }
    }),
  );
  return connections.length;
}
