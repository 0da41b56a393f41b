import { join } from 'node:path';
import { repoRoot, loopback, type LogTarget } from '../services';
import { spawnService, tsNodeCommand, type RunningService } from '../supervisor';

/** Where the WebSocket gateway runs from, relative to the repository root. */
export const wsGatewayEntry = 'infra/local/ws-gateway/main.ts';

/** The env the stream handlers need beside the stack's: the callback URL is the gateway itself. */
export const wsEnv = (port: number): Record<string, string> => ({
  WS_CALLBACK_URL: loopback(port),
  WS_URL: `ws://127.0.0.1:${port}`,
});

/**
 * Starts the local WebSocket API (upgrade → `$connect`, frames → `$default`, the Management
 * API for posting) and its DynamoDB stream poller, with the whole stack env; ready when
 * `GET /ready` answers.
 */
export const startWsGateway = (
  env: Record<string, string>,
  port: number,
  logTarget: LogTarget,
): Promise<RunningService> =>
  spawnService({
    name: 'ws-gateway',
    ...tsNodeCommand(join(repoRoot, wsGatewayEntry)),
    env: { ...env, ...wsEnv(port), WS_PORT: String(port), HOST: '127.0.0.1' },
    cwd: repoRoot,
    ready: { url: `${loopback(port)}/ready` },
    ...logTarget('ws-gateway'),
  });
