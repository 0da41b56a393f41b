import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { preferencesSchema } from '../../shared/contracts/identity-preferences';
import type { TableRef } from './dynamo-support';
import type { PreferencesStore } from './ports';
import { PREFERENCES_SK, userPk } from './user-items';

/** The preferences document, validated again on the way out (a stored item is a boundary). */
export function dynamoPreferencesStore(ref: TableRef): PreferencesStore {
  return {
    async get(userId) {
      const { Item } = await ref.documents.send(
        new GetCommand({ TableName: ref.table, Key: { pk: userPk(userId), sk: PREFERENCES_SK } }),
      );
      if (Item === undefined) return undefined;
      return {
        preferences: preferencesSchema.parse(Item['preferences']),
        updatedAt: String(Item['updated_at']),
      };
    },

    async put(userId, preferences, at) {
      await ref.documents.send(
        new PutCommand({
          TableName: ref.table,
          Item: { pk: userPk(userId), sk: PREFERENCES_SK, preferences, updated_at: at },
        }),
      );
    },
  };
}
