import {
  GetCommand,
  QueryCommand,
  TransactWriteCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { z } from 'zod';
import {
  API_KEY_OWNER_PREFIX,
  apiKeyCountKey,
  apiKeyLookupKey,
  apiKeyOwnerKey,
  apiKeyScopes,
} from '../../shared/api-keys/api-key-items';
import { ConflictError } from '../../shared/domain/errors';
import type { ApiKeyRecord, ApiKeyStore } from './ports';

const ownerItemSchema = z.object({
  key_id: z.string(),
  user_id: z.string(),
  api_key: z.string(),
  label: z.string(),
  scopes: z.array(z.enum(apiKeyScopes)),
  ip_allowlist: z.array(z.string()),
  created_at: z.string(),
  key_expires_at: z.string(),
});

const recordOf = (item: Record<string, unknown>): ApiKeyRecord => {
  const i = ownerItemSchema.parse(item);
  return {
    id: i.key_id,
    userId: i.user_id,
    apiKey: i.api_key,
    label: i.label,
    scopes: i.scopes,
    ipAllowlist: i.ip_allowlist,
    createdAt: i.created_at,
    expiresAt: i.key_expires_at,
  };
};

/**
 * DynamoDB's TTL removes an expired key's lookup item a day after expiry (the authorizer refuses
 * it from the expiry on); the owner's copy stays, marked expired, until the owner deletes it.
 */
const LOOKUP_GRACE_S = 86_400;

/**
 * API keys in the Users table: `USER#<sub> / APIKEY#<id>` (the owner's copy, listed), `APIKEY#
 * <api key> / APIKEY` (what the authorizer looks up: scopes, allowlist, expiry, sealed secret)
 * and `USER#<sub> / APIKEYCOUNT`. Creation and deletion change all three in one transaction.
 */
export function dynamoApiKeyStore(documents: DynamoDBDocumentClient, table: string): ApiKeyStore {
  return {
    async create(record, sealed, maxPerUser) {
      const shared = {
        key_id: record.id,
        user_id: record.userId,
        scopes: [...record.scopes],
        ip_allowlist: [...record.ipAllowlist],
        key_expires_at: record.expiresAt,
      };
      try {
        await documents.send(
          new TransactWriteCommand({
            TransactItems: [
              {
                Update: {
                  TableName: table,
                  Key: apiKeyCountKey(record.userId),
                  UpdateExpression: 'ADD key_count :one',
                  ConditionExpression: 'attribute_not_exists(key_count) OR key_count < :max',
                  ExpressionAttributeValues: { ':one': 1, ':max': maxPerUser },
                },
              },
              {
                Put: {
                  TableName: table,
                  Item: {
                    ...apiKeyOwnerKey(record.userId, record.id),
                    ...shared,
                    api_key: record.apiKey,
                    label: record.label,
                    created_at: record.createdAt,
                  },
                  ConditionExpression: 'attribute_not_exists(pk)',
                },
              },
              {
                Put: {
                  TableName: table,
                  Item: {
                    ...apiKeyLookupKey(record.apiKey),
                    ...shared,
                    expires_at: Math.floor(Date.parse(record.expiresAt) / 1000) + LOOKUP_GRACE_S,
                    kms_key_id: sealed.kmsKeyId,
                    encrypted_secret: sealed.encryptedSecret,
                  },
                  ConditionExpression: 'attribute_not_exists(pk)',
                },
              },
            ],
          }),
        );
      } catch (error) {
        if (error instanceof TransactionCanceledException) {
          const limit = error.CancellationReasons?.[0]?.Code === 'ConditionalCheckFailed';
          throw new ConflictError(
            limit ? `At most ${maxPerUser} API keys per user` : 'Please retry',
            { cause: error, ...(limit ? { details: { limit: maxPerUser } } : {}) },
          );
        }
        throw error;
      }
    },

    async list(userId) {
      const { Items } = await documents.send(
        new QueryCommand({
          TableName: table,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
          ExpressionAttributeValues: { ':pk': `USER#${userId}`, ':prefix': API_KEY_OWNER_PREFIX },
          ConsistentRead: true,
        }),
      );
      return (Items ?? []).map(recordOf);
    },

    async delete(userId, keyId) {
      const { Item } = await documents.send(
        new GetCommand({
          TableName: table,
          Key: apiKeyOwnerKey(userId, keyId),
          ConsistentRead: true,
        }),
      );
      if (Item === undefined) return undefined;
      const record = recordOf(Item);
      try {
        await documents.send(
          new TransactWriteCommand({
            TransactItems: [
              {
                Delete: {
                  TableName: table,
                  Key: apiKeyOwnerKey(userId, keyId),
                  ConditionExpression: 'attribute_exists(pk)',
                },
              },
              { Delete: { TableName: table, Key: apiKeyLookupKey(record.apiKey) } },
              {
                Update: {
                  TableName: table,
                  Key: apiKeyCountKey(userId),
                  UpdateExpression: 'ADD key_count :minus',
                  ExpressionAttributeValues: { ':minus': -1 },
                },
              },
            ],
          }),
        );
      } catch (error) {
        if (error instanceof TransactionCanceledException) {
          throw new ConflictError('The key changed meanwhile; retry', { cause: error });
        }
        throw error;
      }
      return record;
    },
  };
}
