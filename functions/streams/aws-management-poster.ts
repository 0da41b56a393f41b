import {
  ApiGatewayManagementApiClient,
  DeleteConnectionCommand,
  PostToConnectionCommand,
} from '@aws-sdk/client-apigatewaymanagementapi';
import type { ConnectionPoster } from './ports';

const isGone = (error: unknown): boolean =>
  (error as { name?: string }).name === 'GoneException' ||
  (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 410;

/**
 * Posts through the API Gateway Management API of the WebSocket stage (`callbackUrl`:
 * `https://<api>.execute-api.<region>.amazonaws.com/<stage>`, or the local gateway). A gone
 * connection answers false instead of throwing.
 */
export function managementApiPoster(callbackUrl: string): ConnectionPoster {
  const client = new ApiGatewayManagementApiClient({ endpoint: callbackUrl });
  return {
    async post(connectionId, message) {
      try {
        await client.send(
          new PostToConnectionCommand({
            ConnectionId: connectionId,
            Data: Buffer.from(JSON.stringify(message)),
          }),
        );
        return true;
      } catch (error) {
        if (isGone(error)) return false;
        throw error;
      }
    },
    async close(connectionId) {
      try {
        await client.send(new DeleteConnectionCommand({ ConnectionId: connectionId }));
      } catch (error) {
        if (!isGone(error)) throw error;
      }
    },
  };
}
