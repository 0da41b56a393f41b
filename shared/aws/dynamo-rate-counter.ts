import { UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { RateCounter } from '../http/rate-limit';

/**
 * Fixed-window counters in the RateLimits table: one `ADD count :1` per request (atomic, so
 * concurrent requests each get their own number) that also sets the TTL removing the window.
 */
export function dynamoRateCounter(documents: DynamoDBDocumentClient, table: string): RateCounter {
  return {
    async increment(key, expiresAtSeconds) {
      const { Attributes } = await documents.send(
        new UpdateCommand({
          TableName: table,
          Key: { pk: key },
          UpdateExpression: 'ADD #count :one SET expires_at = if_not_exists(expires_at, :ttl)',
          ExpressionAttributeNames: { '#count': 'count' },
          ExpressionAttributeValues: { ':one': 1, ':ttl': expiresAtSeconds },
          ReturnValues: 'UPDATED_NEW',
        }),
      );
      return Number(Attributes?.['count'] ?? 1);
    },
  };
}
