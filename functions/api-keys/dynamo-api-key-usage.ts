import { BatchGetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { apiKeyUsageKey } from '../../shared/api-keys/api-key-items';
import type { ApiKeyUsageReader } from './ports';

/** Last use of each key, as the authorizer records it in the RateLimits table. */
export function dynamoApiKeyUsage(
  documents: DynamoDBDocumentClient,
  table: string,
): ApiKeyUsageReader {
  return {
    async lastUsed(keyIds) {
      const found = new Map<string, { at: string; ip: string }>();
      if (keyIds.length === 0) return found;
      const { Responses } = await documents.send(
        new BatchGetCommand({
          RequestItems: { [table]: { Keys: keyIds.map(apiKeyUsageKey) } },
        }),
      );
      for (const item of Responses?.[table] ?? []) {
        const { key_id: keyId, last_used_at: at, last_used_ip: ip } = item;
        if (typeof keyId === 'string' && typeof at === 'string' && typeof ip === 'string') {
          found.set(keyId, { at, ip });
        }
      }
      return found;
    },
  };
}
