import { PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { apiKeySignatureKey, apiKeyUsageKey } from '../../shared/api-keys/api-key-items';
import type { ReplayGuard, UsageRecorder } from './api-key-ports';

/**
 * The replay cache in the RateLimits table: one item per accepted signature, claimed with a
 * conditional put (so two concurrent copies of a request cannot both pass) and removed by TTL
 * once the timestamp is outside any receive window.
 */
export function dynamoReplayGuard(documents: DynamoDBDocumentClient, table: string): ReplayGuard {
  return {
    async claim(keyId, signature, expiresAtSeconds) {
      try {
        await documents.send(
          new PutCommand({
            TableName: table,
            Item: { ...apiKeySignatureKey(keyId, signature), expires_at: expiresAtSeconds },
            ConditionExpression: 'attribute_not_exists(pk)',
          }),
        );
        return true;
      } catch (error) {
        if (error instanceof ConditionalCheckFailedException) return false;
        throw error;
      }
    },
  };
}

/** Last use of each key, in the RateLimits table, kept a day past the key's expiry. */
export function dynamoUsageRecorder(
  documents: DynamoDBDocumentClient,
  table: string,
): UsageRecorder {
  return {
    async record(keyId, at, ip, keyExpiresAt) {
      await documents.send(
        new UpdateCommand({
          TableName: table,
          Key: apiKeyUsageKey(keyId),
          UpdateExpression:
            'SET key_id = :id, last_used_at = :at, last_used_ip = :ip, expires_at = :ttl',
          ExpressionAttributeValues: {
            ':id': keyId,
            ':at': at,
            ':ip': ip,
            ':ttl': Math.floor(Date.parse(keyExpiresAt) / 1000) + 86_400,
          },
        }),
      );
    },
  };
}
