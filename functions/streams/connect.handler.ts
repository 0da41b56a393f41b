import type { APIGatewayProxyResultV2 } from 'aws-lambda';
import { connect } from './connect';
import { buildConnectDeps, streamsLogger } from './deps';
import type { WebSocketEvent } from './websocket-event';

const deps = buildConnectDeps();

/** `$connect`: always 200 (a refused connection is told why by the stream processor). */
export async function handler(event: WebSocketEvent): Promise<APIGatewayProxyResultV2> {
  const record = await connect(deps, {
    connectionId: event.requestContext.connectionId,
    ip: event.requestContext.identity?.sourceIp ?? 'unknown',
    token: event.queryStringParameters?.['token'],
  });
  streamsLogger.info('connected', {
    connectionId: record.connectionId,
    authenticated: record.userId !== null,
    rejected: record.rejected,
  });
  return { statusCode: 200 };
}
