import {
  DeleteCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import { orderKey, outboxPk } from '../../shared/trading/keys';
import { outboxItemSchema, type OutboxItem } from '../../shared/trading/order-items';
import type { Outbox } from './ports';

const keyOf = (entry: OutboxItem) => ({ pk: entry.pk, sk: entry.sk });

/**
 * The order outbox on the Trading table (`OUTBOX#<symbol>` / `<issued iso>#<command id>`).
 * A delivered place marks its order SENT and deletes the entry in one transaction: atomic, and
 * one request where two writes would each wait their turn (DynamoDB Local serialises all the
 * writes of a table). Nothing here moves money: an order's lock is returned only by settling
 * the engine's answer.
 */
export function dynamoOutbox(documents: DynamoDBDocumentClient, tableName: string): Outbox {
  return {
    async due(symbol, beforeIso) {
      const { Items = [] } = await documents.send(
        new QueryCommand({
          TableName: tableName,
          KeyConditionExpression: 'pk = :pk AND sk < :before',
          ExpressionAttributeValues: { ':pk': outboxPk(symbol), ':before': beforeIso },
          ScanIndexForward: true,
          ConsistentRead: true,
          Limit: 100,
        }),
      );
      return Items.map((item) => outboxItemSchema.parse(item));
    },

    async delivered(entry) {
      if (entry.kind === 'cancel') {
        await documents.send(new DeleteCommand({ TableName: tableName, Key: keyOf(entry) }));
        return;
      }
      await documents.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Update: {
                TableName: tableName,
                Key: orderKey(entry.user_id, entry.order_id),
                UpdateExpression: 'SET dispatch = :sent',
                ConditionExpression: 'attribute_exists(pk)',
                ExpressionAttributeValues: { ':sent': 'SENT' },
              },
            },
            { Delete: { TableName: tableName, Key: keyOf(entry) } },
          ],
        }),
      );
    },

    async attempted(entry) {
      await documents.send(
        new UpdateCommand({
          TableName: tableName,
          Key: keyOf(entry),
          UpdateExpression: 'ADD attempts :one',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeValues: { ':one': 1 },
        }),
      );
    },

    async drop(entry) {
      await documents.send(new DeleteCommand({ TableName: tableName, Key: keyOf(entry) }));
    },
  };
}
