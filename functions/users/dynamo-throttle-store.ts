import { BatchGetCommand, DeleteCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { isConditionFailure, type TableRef } from './dynamo-support';
import type { ThrottleCounter, ThrottleStore } from './ports';

const seconds = (ms: number): number => Math.floor(ms / 1000);

/**
 * Failure counters in the RateLimits table (pk only, TTL `expires_at`). DynamoDB deletes expired
 * items lazily, so expiry is also checked on read and on write: an idle bucket starts afresh.
 */
export function dynamoThrottleStore(ref: TableRef): ThrottleStore {
  return {
    async read(keys, nowMs) {
      const { Responses } = await ref.documents.send(
        new BatchGetCommand({
          RequestItems: { [ref.table]: { Keys: keys.map((pk) => ({ pk })), ConsistentRead: true } },
        }),
      );
      const counters = new Map<string, ThrottleCounter>();
      for (const item of Responses?.[ref.table] ?? []) {
        if (Number(item['expires_at']) <= seconds(nowMs)) continue;
        counters.set(String(item['pk']), {
          failures: Number(item['failures'] ?? 0),
          lastFailureMs: Number(item['last_failure_ms'] ?? 0),
        });
      }
      return counters;
    },

    async reserve(key, nowMs, resetAfterSeconds, seen, free) {
      const expiresAt = seconds(nowMs) + resetAfterSeconds;
      try {
        if (seen === undefined) {
          await ref.documents.send(
            new PutCommand({
              TableName: ref.table,
              Item: { pk: key, failures: 1, last_failure_ms: nowMs, expires_at: expiresAt },
              ConditionExpression: 'attribute_not_exists(pk) OR expires_at <= :nowSeconds',
              ExpressionAttributeValues: { ':nowSeconds': seconds(nowMs) },
            }),
          );
        } else {
          await ref.documents.send(
            new UpdateCommand({
              TableName: ref.table,
              Key: { pk: key },
              UpdateExpression:
                'SET failures = failures + :one, last_failure_ms = :now, expires_at = :exp',
              ConditionExpression:
                'expires_at > :nowSeconds AND (failures < :free OR (failures = :seen AND last_failure_ms = :seenAt))',
              ExpressionAttributeValues: {
                ':one': 1,
                ':now': nowMs,
                ':exp': expiresAt,
                ':free': free,
                ':seen': seen.failures,
                ':seenAt': seen.lastFailureMs,
                ':nowSeconds': seconds(nowMs),
              },
            }),
          );
        }
        return true;
      } catch (error) {
        if (isConditionFailure(error)) return false;
        throw error;
      }
    },

    async giveBack(key, nowMs, stampedAt, previousAt, resetAfterSeconds) {
      const takeBack = (restore: boolean) =>
        ref.documents.send(
          new UpdateCommand({
            TableName: ref.table,
            Key: { pk: key },
            UpdateExpression: restore
              ? 'SET last_failure_ms = :previous, expires_at = :previousExpiry ADD failures :minus'
              : 'ADD failures :minus',
            ConditionExpression: `failures > :zero AND expires_at > :nowSeconds${
              restore ? ' AND last_failure_ms = :stamped' : ''
            }`,
            ExpressionAttributeValues: {
              ':minus': -1,
              ':zero': 0,
              ':nowSeconds': seconds(nowMs),
              ...(restore
                ? {
                    ':previous': previousAt ?? 0,
                    ':previousExpiry':
                      previousAt === undefined
                        ? seconds(nowMs)
                        : seconds(previousAt) + resetAfterSeconds,
                    ':stamped': stampedAt,
                  }
                : {}),
            },
          }),
        );
      for (const restore of [true, false]) {
        try {
          await takeBack(restore);
          return;
        } catch (error) {
          if (!isConditionFailure(error)) throw error;
        }
      }
    },

    async clear(key) {
      await ref.documents.send(new DeleteCommand({ TableName: ref.table, Key: { pk: key } }));
    },

    async claimOnce(key, nowMs, windowSeconds) {
      try {
        await ref.documents.send(
          new PutCommand({
            TableName: ref.table,
            Item: { pk: key, expires_at: seconds(nowMs) + windowSeconds },
            ConditionExpression: 'attribute_not_exists(pk) OR expires_at <= :nowSeconds',
            ExpressionAttributeValues: { ':nowSeconds': seconds(nowMs) },
          }),
        );
        return true;
      } catch (error) {
        if (isConditionFailure(error)) return false;
        throw error;
      }
    },
  };
}
