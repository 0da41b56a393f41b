import { randomBytes } from 'node:crypto';
import type { WebSocketEvent } from '../../../functions/streams/websocket-event';

/** API Gateway connection ids look like `L0SM9cOFvHcCIhw=`; ours have the same shape. */
export const newConnectionId = (): string => `${randomBytes(10).toString('base64')}=`;

/** A WebSocket event as API Gateway hands it to the `$connect`/`$default`/`$disconnect` Lambdas. */
export function webSocketEvent(input: {
  routeKey: '$connect' | '$default' | '$disconnect';
  connectionId: string;
  connectedAt: number;
  sourceIp: string;
  host: string;
  query?: URLSearchParams;
  headers?: Record<string, string>;
  body?: string;
}): WebSocketEvent {
  const eventType = {
    $connect: 'CONNECT',
    $default: 'MESSAGE',
    $disconnect: 'DISCONNECT',
  } as const;
  const query = input.query === undefined ? undefined : Object.fromEntries(input.query);
  return {
    requestContext: {
      connectionId: input.connectionId,
      routeKey: input.routeKey,
      eventType: eventType[input.routeKey],
      requestId: `${randomBytes(11).toString('base64url')}=`,
      domainName: input.host,
      stage: 'local',
      connectedAt: input.connectedAt,
      identity: { sourceIp: input.sourceIp },
    },
    ...(query === undefined || Object.keys(query).length === 0
      ? {}
      : { queryStringParameters: query }),
    ...(input.headers === undefined ? {} : { headers: input.headers }),
    ...(input.body === undefined ? {} : { body: input.body, isBase64Encoded: false }),
  };
}
