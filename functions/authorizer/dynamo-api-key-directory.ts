import { GetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { apiKeyLookupItemSchema, apiKeyLookupKey } from '../../shared/api-keys/api-key-items';
import type { ApiKeyDirectory } from './api-key-ports';

/**
 * The authorizer's read-only view of API keys in the Users table (written by
 * `functions/api-keys/`): strongly consistent, so a key deleted a moment ago is refused.
 */
export function dynamoApiKeyDirectory(
  documents: DynamoDBDocumentClient,
  table: string,
): ApiKeyDirectory {
  return {
    async find(apiKey) {
      const { Item } = await documents.send(
        new GetCommand({ TableName: table, Key: apiKeyLookupKey(apiKey), ConsistentRead: true }),
      );
      if (Item === undefined) return undefined;
      const parsed = apiKeyLookupItemSchema.safeParse(Item);
      return parsed.success ? parsed.data : undefined;
    },

    async account(userId) {
      const { Item } = await documents.send(
        new GetCommand({
          TableName: table,
          Key: { pk: `USER#${userId}`, sk: 'PROFILE' },
          ProjectionExpression: '#status, fee_tier',
          ExpressionAttributeNames: { '#status': 'status' },
          ConsistentRead: true,
        }),
      );
      const tier = Item?.['fee_tier'];
      return {
        active: Item?.['status'] === 'ACTIVE',
        ...(typeof tier === 'number' ? { feeTier: tier } : {}),
      };
    },
  };
}
