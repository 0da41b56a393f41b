import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { VaultIntegrityError } from './errors';
import type { PepperStore } from './ports';
import { pepperKey } from './vault-items';

/** The wrapped fingerprint pepper: one item of the Vault table, written once, never updated. */
export function dynamoPepperStore(
  documents: DynamoDBDocumentClient,
  tableName: string,
): PepperStore {
  return {
    async load() {
      const { Item } = await documents.send(
        new GetCommand({ TableName: tableName, Key: pepperKey, ConsistentRead: true }),
      );
      if (Item === undefined) return undefined;
      const encrypted = Item['encrypted_pepper'];
      const kmsKeyId = Item['kms_key_id'];
      if (!(encrypted instanceof Uint8Array) || typeof kmsKeyId !== 'string') {
        throw new VaultIntegrityError('malformed_record');
      }
      return { encrypted, kmsKeyId };
    },

    async saveIfAbsent(pepper, at) {
      try {
        await documents.send(
          new PutCommand({
            TableName: tableName,
            Item: {
              ...pepperKey,
              encrypted_pepper: pepper.encrypted,
              kms_key_id: pepper.kmsKeyId,
              created_at: at,
            },
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
