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

    async addFailure(key, nowMs, resetAfterSeconds) {
      const expiresAt = seconds(nowMs) + resetAfterSeconds;
      try {
        await ref.documents.send(
          new UpdateCommand({
            TableName: ref.table,
            Key: { pk: key },
            UpdateExpression: 'ADD failures :one SET last_failure_ms = :now, expires_at = :exp',
            ConditionExpression: 'attribute_not_exists(pk) OR expires_at > :nowSeconds',
            ExpressionAttributeValues: {
              ':one': 1,
              ':now': nowMs,
              ':exp': expiresAt,
              ':nowSeconds': seconds(nowMs),
            },
          }),
        );
      } catch (error) {
        if (!isConditionFailure(error)) throw error;
        await ref.documents.send(
          new PutCommand({
            TableName: ref.table,
            Item: { pk: key, failures: 1, last_failure_ms: nowMs, expires_at: expiresAt },
          }),
        );
      }
    },

    async reserve(key, nowMs, resetAfterSeconds, seen) {
      const expiresAt = seconds(nowMs) + resetAfterSeconds;
      const item = { pk: key, last_failure_ms: nowMs, expires_at: expiresAt };
      try {
        if (seen === undefined) {
          await ref.documents.send(
            new PutCommand({
              TableName: ref.table,
              Item: { ...item, failures: 1 },
              ConditionExpression: 'attribute_not_exists(pk) OR expires_at <= :nowSeconds',
              ExpressionAttributeValues: { ':nowSeconds': seconds(nowMs) },
            }),
          );
        } else {
          await ref.documents.send(
            new UpdateCommand({
              TableName: ref.table,
              Key: { pk: key },
              UpdateExpression: 'SET failures = :next, last_failure_ms = :now, expires_at = :exp',
              ConditionExpression:
                'failures = :seen AND last_failure_ms = :seenAt AND expires_at > :nowSeconds',
              ExpressionAttributeValues: {
                ':next': seen.failures + 1,
                ':now': nowMs,
                ':exp': expiresAt,
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

    async giveBack(key, nowMs) {
      try {
        await ref.documents.send(
          new UpdateCommand({
            TableName: ref.table,
            Key: { pk: key },
            UpdateExpression: 'ADD failures :minus',
            ConditionExpression: 'failures > :zero AND expires_at > :nowSeconds',
            ExpressionAttributeValues: { ':minus': -1, ':zero': 0, ':nowSeconds': seconds(nowMs) },
          }),
        );
      } catch (error) {
        if (!isConditionFailure(error)) throw error;
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
