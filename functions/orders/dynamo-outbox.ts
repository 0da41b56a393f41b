import {
  DeleteCommand,
  GetCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import { openOrdersKey, orderKey, outboxPk } from '../../shared/trading/keys';
import {
  orderItemSchema,
  outboxItemSchema,
  type OutboxItem,
} from '../../shared/trading/order-items';
import { moveMoney } from '../balances/dynamo-movements';
import type { Outbox } from './ports';

const keyOf = (entry: OutboxItem) => ({ pk: entry.pk, sk: entry.sk });

/**
 * The order outbox on the Trading table (`OUTBOX#<symbol>` / `<issued iso>#<command id>`).
 * Releasing an order is one transaction with the same versioned balance write as any other
 * movement; it applies only while the order is PENDING, undispatched and never acknowledged
 * by the engine (`accepted_at` is settlement's mark).
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

    async release(entry, reason, at) {
      const { Item } = await documents.send(
        new GetCommand({
          TableName: tableName,
          Key: orderKey(entry.user_id, entry.order_id),
          ConsistentRead: true,
        }),
      );
      const order = Item === undefined ? undefined : orderItemSchema.parse(Item);
      const releasable =
        order !== undefined &&
        order.status === 'PENDING' &&
        order.dispatch === 'PENDING' &&
        Item?.['accepted_at'] === undefined;
      if (!releasable) {
        await documents.send(new DeleteCommand({ TableName: tableName, Key: keyOf(entry) }));
        return 'stale';
      }
      const result = await moveMoney(
        documents,
        tableName,
        [{ userId: order.user_id, asset: order.lock_asset }],
        () => ({
          balanceChanges: [
            [
              {
                entryId: `${order.id}-release`,
                type: 'ORDER_UNLOCK',
                availableDelta: order.lock_remaining,
                lockedDelta: -order.lock_remaining,
                reference: { type: 'ORDER', id: order.id },
                memo: reason,
              },
            ],
          ],
          items: [
            {
              Update: {
                TableName: tableName,
                Key: orderKey(order.user_id, order.id),
                UpdateExpression:
                  'SET #status = :rejected, reject_reason = :reason, lock_remaining = :zero, updated_at = :at REMOVE gsi1pk, gsi1sk',
                ConditionExpression:
                  '#status = :pending AND dispatch = :pending AND attribute_not_exists(accepted_at)',
                ExpressionAttributeNames: { '#status': 'status' },
                ExpressionAttributeValues: {
                  ':rejected': 'REJECTED',
                  ':reason': reason,
                  ':zero': 0,
                  ':at': at,
                  ':pending': 'PENDING',
                },
              },
            },
            {
              Update: {
                TableName: tableName,
                Key: openOrdersKey(order.user_id),
                UpdateExpression: 'ADD #count :minus',
                ExpressionAttributeNames: { '#count': 'count' },
                ExpressionAttributeValues: { ':minus': -1 },
              },
            },
            {
              Delete: {
                TableName: tableName,
                Key: keyOf(entry),
                ConditionExpression: 'attribute_exists(pk)',
              },
            },
          ],
        }),
        at,
      );
      return result.ok ? 'released' : 'stale';
    },
  };
}
