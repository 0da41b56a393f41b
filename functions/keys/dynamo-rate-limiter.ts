import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { RateLimiter } from './ports';

/** Counters outlive their window by this much before DynamoDB's TTL sweeps them. */
const TTL_GRACE_SECONDS = 60;

/**
 * Fixed-window counters in the RateLimits table: one item per bucket and window
 * (`<bucket>#<window start>`), taken with a single conditional `ADD`, so concurrent callers
 * can never push a window past its limit, and expired by TTL (`expires_at`).
 */
export function dynamoRateLimiter(
  documents: DynamoDBDocumentClient,
  tableName: string,
): RateLimiter {
  return {
    async consume(bucket, limit, windowSeconds, now) {
      const nowMs = now.getTime();
      const windowMs = windowSeconds * 1000;
      const start = Math.floor(nowMs / windowMs) * windowMs;
      const end = start + windowMs;
      const resetSeconds = Math.max(1, Math.ceil((end - nowMs) / 1000));
      try {
        const { Attributes } = await documents.send(
          new UpdateCommand({
            TableName: tableName,
            Key: { pk: `${bucket}#${start / 1000}` },
            UpdateExpression:
              'SET expires_at = if_not_exists(expires_at, :expires) ADD #count :one',
            ConditionExpression: 'attribute_not_exists(#count) OR #count < :limit',
            ExpressionAttributeNames: { '#count': 'count' },
            ExpressionAttributeValues: {
              ':one': 1,
              ':limit': limit,
              ':expires': end / 1000 + TTL_GRACE_SECONDS,
            },
            ReturnValues: 'UPDATED_NEW',
          }),
        );
        const count = Number(Attributes?.['count'] ?? limit);
        return { allowed: true, limit, remaining: Math.max(0, limit - count), resetSeconds };
      } catch (error) {
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
        return { allowed: false, limit, remaining: 0, resetSeconds };
      }
    },
  };
}
