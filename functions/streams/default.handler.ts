import type { APIGatewayProxyResultV2 } from 'aws-lambda';
import { buildStreamDeps } from './deps';
import { handleMessage } from './messages';
import type { WebSocketEvent } from './websocket-event';

const deps = buildStreamDeps();

/** `$default`: every client frame (subscribe, unsubscribe, list, ping). */
export async function handler(event: WebSocketEvent): Promise<APIGatewayProxyResultV2> {
  const body =
    event.isBase64Encoded === true
      ? Buffer.from(event.body ?? '', 'base64').toString('utf8')
      : (event.body ?? '');
  await handleMessage(deps, event.requestContext.connectionId, body);
  return { statusCode: 200 };
}
