import {
  GetCommand,
  TransactWriteCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  ConflictError,
  InsufficientBalanceError,
  ServiceUnavailableError,
} from '../../shared/domain/errors';
import type { TransactItem } from '../../shared/trading/balance-writes';
import {
  clientOrderKey,
  openOrdersIndexPk,
  openOrdersKey,
  orderKey,
  symbolOrdersIndexPk,
} from '../../shared/trading/keys';
import {
  clientOrderItemSchema,
  orderItemSchema,
  type OrderItem,
  type OutboxItem,
} from '../../shared/trading/order-items';
import { moveMoney } from '../balances/dynamo-movements';
import { orderQueries } from './dynamo-order-queries';
import type { OrderStore, PlaceIntent } from './ports';

/** The stored form of an order: the item, its keys and its index keys. */
export function storedOrder(order: OrderItem): Record<string, unknown> {
  return {
    ...orderKey(order.user_id, order.id),
    entity: 'ORDER',
    ...order,
    gsi1pk: openOrdersIndexPk(order.user_id),
    gsi1sk: `ORDER#${order.id}`,
    gsi2pk: symbolOrdersIndexPk(order.symbol),
    gsi2sk: order.id,
  };
}

/** Tries of a cancellation that keeps losing to concurrent writes of its order. */
const CANCEL_ATTEMPTS = 5;

const putNew = (tableName: string, item: Record<string, unknown>): TransactItem => ({
  Put: { TableName: tableName, Item: item, ConditionExpression: 'attribute_not_exists(pk)' },
});

/** Orders on the Trading table; lists in `dynamo-order-queries.ts`. */
export function dynamoOrderStore(
  documents: DynamoDBDocumentClient,
  tableName: string,
  nowSeconds: () => number = () => Math.floor(Date.now() / 1000),
): OrderStore {
  const get = async (userId: string, orderId: string) => {
    const { Item } = await documents.send(
      new GetCommand({
        TableName: tableName,
        Key: orderKey(userId, orderId),
        ConsistentRead: true,
      }),
    );
    return Item === undefined ? undefined : orderItemSchema.parse(Item);
  };

  return {
    get,
    ...orderQueries(documents, tableName),

    async findClientOrder(userId, clientOrderId) {
      const { Item } = await documents.send(
        new GetCommand({
          TableName: tableName,
          Key: clientOrderKey(userId, clientOrderId),
          ConsistentRead: true,
        }),
      );
      if (Item === undefined) return undefined;
      const guard = clientOrderItemSchema.parse(Item);
      return guard.expires_at <= nowSeconds() ? undefined : guard;
    },

    async place(intent: PlaceIntent) {
      const { order, outbox, clientOrder } = intent;
      const items: TransactItem[] = [
        putNew(tableName, storedOrder(order)),
        {
          Update: {
            TableName: tableName,
            Key: openOrdersKey(order.user_id),
            UpdateExpression: 'ADD #count :one',
            ConditionExpression: 'attribute_not_exists(#count) OR #count < :max',
            ExpressionAttributeNames: { '#count': 'count' },
            ExpressionAttributeValues: { ':one': 1, ':max': intent.maxOpenOrders },
          },
        },
        putNew(tableName, { ...outbox, entity: 'OUTBOX' }),
      ];
      if (clientOrder !== undefined) {
        items.push({
          Put: {
            TableName: tableName,
            Item: { ...clientOrderKey(order.user_id, order.client_order_id!), ...clientOrder },
            ConditionExpression: 'attribute_not_exists(pk) OR expires_at <= :now',
            ExpressionAttributeValues: { ':now': nowSeconds() },
          },
        });
      }
      const result = await moveMoney(
        documents,
        tableName,
        [{ userId: order.user_id, asset: order.lock_asset }],
        ([balance]) => {
          if (balance!.available < order.locked) {
            throw new InsufficientBalanceError(`Insufficient ${order.lock_asset} balance`, {
              details: { asset: order.lock_asset },
            });
          }
          return {
            balanceChanges: [
              [
                {
                  entryId: order.id,
                  type: 'ORDER_LOCK',
                  availableDelta: -order.locked,
                  lockedDelta: order.locked,
                  reference: { type: 'ORDER', id: order.id },
                },
              ],
            ],
            items,
          };
        },
        order.created_at,
      );
      if (result.ok) return 'placed';
      if (result.failed.includes(3)) return 'client_order_id_taken';
      if (result.failed.includes(1)) {
        throw new ConflictError('Too many open orders for the account’s KYC level', {
          details: { max_open_orders: intent.maxOpenOrders },
        });
      }
      throw new Error(`order ${order.id} collided with an existing item`);
    },

    async requestCancel(order: OrderItem, outbox: OutboxItem, at: string) {
      const request = new TransactWriteCommand({
        TransactItems: [
          {
            Update: {
              TableName: tableName,
              Key: orderKey(order.user_id, order.id),
              UpdateExpression: 'SET cancel_requested = :yes, updated_at = :at',
              ConditionExpression:
                '#status IN (:pending, :partial) AND ' +
                '(attribute_not_exists(cancel_requested) OR cancel_requested = :no)',
              ExpressionAttributeNames: { '#status': 'status' },
              ExpressionAttributeValues: {
                ':yes': true,
                ':no': false,
                ':at': at,
                ':pending': 'PENDING',
                ':partial': 'PARTIAL',
              },
            },
          },
          putNew(tableName, { ...outbox, entity: 'OUTBOX' }),
        ],
      });
      // A cancellation whose order is still open and unflagged lost to a concurrent write of
      // that item (a settling fill: `TransactionConflict`), not to its condition: try again.
      for (let attempt = 1; ; attempt += 1) {
        try {
          await documents.send(request);
          break;
        } catch (error) {
          if (!(error instanceof TransactionCanceledException)) throw error;
          const current = await get(order.user_id, order.id);
          const open = current?.status === 'PENDING' || current?.status === 'PARTIAL';
          if (open && current.cancel_requested) return { order: current, requested: false };
          if (!open) {
            throw new ConflictError(`The order is already ${current?.status ?? 'gone'}`, {
              cause: error,
            });
          }
          if (attempt === CANCEL_ATTEMPTS) {
            throw new ServiceUnavailableError('The order is busy settling; retry', {
              cause: error,
            });
          }
          await sleep(10 * attempt);
        }
      }
      return { order: { ...order, cancel_requested: true, updated_at: at }, requested: true };
    },
  };
}
