import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import type { DynamoDBStreamEvent } from 'aws-lambda';
import { z } from 'zod';
import type { WebSocketEvent } from '../../../functions/streams/websocket-event';
import { loadConfig } from '../../../shared/config/load-config';
import { closeOnShutdown } from '../child';
import { createWsGateway } from './server';
import { startStreamPoller } from './stream-poller';

const config = loadConfig(
  z.object({
    WS_PORT: z.coerce.number().int().min(0).max(65535).default(3002),
    HOST: z.string().default('127.0.0.1'),
    AWS_ENDPOINT_URL_DYNAMODB: z.url(),
    TRADING_TABLE: z.string().min(1),
    MARKET_DATA_TABLE: z.string().min(1),
    STREAMS_TABLE: z.string().min(1),
    WS_HEARTBEAT_SECONDS: z.coerce.number().int().min(1).default(30),
    WS_STREAM_POLL_MS: z.coerce.number().int().min(10).default(100),
  }),
);

const log = (entry: Record<string, unknown>): void => {
  process.stdout.write(`${JSON.stringify({ service: 'ws-gateway', ...entry })}\n`);
};

type WsHandler = (event: WebSocketEvent) => Promise<unknown>;
const load = async <T>(name: string): Promise<T> =>
  ((await import(`../../../functions/streams/${name}.handler.ts`)) as { handler: T }).handler;

const [connect, message, disconnect, processor, heartbeat] = await Promise.all([
  load<WsHandler>('connect'),
  load<WsHandler>('default'),
  load<WsHandler>('disconnect'),
  load<(event: DynamoDBStreamEvent) => Promise<void>>('stream-processor'),
  load<() => Promise<unknown>>('heartbeat'),
]);

const server = createWsGateway({ handlers: { connect, message, disconnect }, log });
const endpoint = config.AWS_ENDPOINT_URL_DYNAMODB;
const stopPoller = startStreamPoller({
  dynamodb: new DynamoDBClient({ endpoint }),
  streams: new DynamoDBStreamsClient({ endpoint }),
  tables: [config.TRADING_TABLE, config.MARKET_DATA_TABLE, config.STREAMS_TABLE],
  handler: processor,
  log,
  idleMs: config.WS_STREAM_POLL_MS,
});
const heartbeats = setInterval(() => {
  heartbeat().catch((error: unknown) => log({ level: 'ERROR', message: String(error) }));
}, config.WS_HEARTBEAT_SECONDS * 1000);

server.listen(config.WS_PORT, config.HOST, () => {
  log({ level: 'INFO', message: `WebSocket API on ws://${config.HOST}:${config.WS_PORT}` });
});

closeOnShutdown(async () => {
  clearInterval(heartbeats);
  await stopPoller();
  await new Promise<void>((done) => server.close(() => done()));
});
