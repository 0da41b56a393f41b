import type { APIGatewayProxyResultV2 } from 'aws-lambda';
import { buildStreamDeps } from './deps';
import type { WebSocketEvent } from './websocket-event';

const deps = buildStreamDeps();

/** `$disconnect` (best effort in API Gateway; the records' TTL covers a missed one). */
export async function handler(event: WebSocketEvent): Promise<APIGatewayProxyResultV2> {
  await deps.connections.remove(event.requestContext.connectionId);
  return { statusCode: 200 };
}
