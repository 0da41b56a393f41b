import { GetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { MfaStatusReader } from './ports';

/** Whether the profile (Users table, `USER#<sub> / PROFILE`) has two-factor authentication on. */
export function dynamoMfaStatus(documents: DynamoDBDocumentClient, table: string): MfaStatusReader {
  return {
    async mfaEnabled(userId) {
      const { Item } = await documents.send(
        new GetCommand({
          TableName: table,
          Key: { pk: `USER#${userId}`, sk: 'PROFILE' },
          ProjectionExpression: 'mfa_enabled',
          ConsistentRead: true,
        }),
      );
      return Item?.['mfa_enabled'] === true;
    },
  };
}
