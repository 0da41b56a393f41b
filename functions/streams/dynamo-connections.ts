import {
  GetCommand,
  PutCommand,
  TransactWriteCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import {
  ALL_CONNECTIONS,
  META_SK,
  connectionOf,
  connectionPk,
  ipConnectionsPk,
  subscribersPk,
  slotSk,
  subscriptionSk,
  userConnectionsPk,
} from './connection-items';
import { freeSlots, releaseSlots, slotPut } from './dynamo-connection-slots';
import type { ConnectionStore } from './ports';
import { batchWriteAll } from '../../shared/aws/dynamo-batch-write';
import { queryAll } from '../../shared/aws/dynamo-query-all';

const reasonsOf = (error: unknown): (string | undefined)[] | undefined => {
  if ((error as { name?: string }).name !== 'TransactionCanceledException') return undefined;
  const reasons = (error as { CancellationReasons?: { Code?: string }[] }).CancellationReasons;
  return (reasons ?? []).map((reason) => reason.Code);
};

/** Conditional slot claims lost to concurrent connects before `$connect` gives up. */
const SLOT_ATTEMPTS = 5;

/** Connections and subscriptions in the Streams table (layout in `connection-items.ts`). */
export function dynamoConnections(
  documents: DynamoDBDocumentClient,
  tableName: string,
  nowMs: () => number = Date.now,
): ConnectionStore {
  const onIndex = (gsi1pk: string, projection: string) =>
    queryAll(documents, {
      TableName: tableName,
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': gsi1pk },
      ProjectionExpression: projection,
    });
  const idsOn = async (gsi1pk: string): Promise<string[]> =>
    (await onIndex(gsi1pk, 'gsi1sk')).map((item) => String(item['gsi1sk']));

  return {
    async open(record, expiresAt, limits) {
      const id = record.connectionId;
      const meta = {
        pk: connectionPk(id),
        sk: META_SK,
        connection_id: id,
        user_id: record.userId,
        session_id: record.sessionId,
        ip: record.ip,
        connected_at: record.connectedAt,
        rejected: record.rejected,
        subscriptions: 0,
        expires_at: expiresAt,
      };
      if (record.rejected !== null) {
        await documents.send(new PutCommand({ TableName: tableName, Item: meta }));
        return 'opened';
      }
      const userPk = record.userId === null ? undefined : userConnectionsPk(record.userId);
      const ipPk = ipConnectionsPk(record.ip);
      for (let attempt = 0; attempt < SLOT_ATTEMPTS; attempt += 1) {
        const nowSeconds = Math.floor(nowMs() / 1000);
        const [userFree, ipFree] = await Promise.all([
          userPk === undefined
            ? [null]
            : freeSlots(documents, tableName, userPk, limits.perUser, nowSeconds),
          freeSlots(documents, tableName, ipPk, limits.perIp, nowSeconds),
        ]);
        const userSlot = userFree[0];
        const ipSlot = ipFree[0];
        if (userSlot === undefined || ipSlot === undefined) return 'limit';
        try {
          await documents.send(
            new TransactWriteCommand({
              TransactItems: [
                {
                  Put: {
                    TableName: tableName,
                    Item: {
                      ...meta,
                      user_slot: userSlot,
                      ip_slot: ipSlot,
                      gsi1pk: ALL_CONNECTIONS,
                      gsi1sk: id,
                    },
                  },
                },
                slotPut(tableName, ipPk, ipSlot, id, expiresAt, nowSeconds),
                ...(userPk === undefined || userSlot === null
                  ? []
                  : [slotPut(tableName, userPk, userSlot, id, expiresAt, nowSeconds)]),
              ],
            }),
          );
          return 'opened';
        } catch (error) {
          if (reasonsOf(error) === undefined) throw error;
        }
      }
      throw new Error('connection slots stayed contended; the client may connect again');
    },
    async get(connectionId) {
      const { Item } = await documents.send(
        new GetCommand({
          TableName: tableName,
          Key: { pk: connectionPk(connectionId), sk: META_SK },
          ConsistentRead: true,
        }),
      );
      return Item === undefined ? undefined : connectionOf(Item);
    },
    async subscribe(connectionId, channel, key, max, expiresAt) {
      const pk = connectionPk(connectionId);
      try {
        await documents.send(
          new TransactWriteCommand({
            TransactItems: [
              {
                Update: {
                  TableName: tableName,
                  Key: { pk, sk: META_SK },
                  UpdateExpression: 'SET subscriptions = subscriptions + :one',
                  ConditionExpression: 'attribute_exists(pk) AND subscriptions < :max',
                  ExpressionAttributeValues: { ':one': 1, ':max': max },
                },
              },
              {
                Put: {
                  TableName: tableName,
                  Item: {
                    pk,
                    sk: subscriptionSk(channel),
                    channel,
                    gsi1pk: subscribersPk(key),
                    gsi1sk: connectionId,
                    expires_at: expiresAt,
                  },
                  ConditionExpression: 'attribute_not_exists(pk)',
                },
              },
            ],
          }),
        );
        return 'added';
      } catch (error) {
        const reasons = reasonsOf(error);
        if (reasons === undefined) throw error;
        if (reasons[1] === 'ConditionalCheckFailed') return 'exists';
        if (reasons[0] === 'ConditionalCheckFailed') return 'limit';
        throw error;
      }
    },
    async unsubscribe(connectionId, channel) {
      const pk = connectionPk(connectionId);
      try {
        await documents.send(
          new TransactWriteCommand({
            TransactItems: [
              {
                Delete: {
                  TableName: tableName,
                  Key: { pk, sk: subscriptionSk(channel) },
                  ConditionExpression: 'attribute_exists(pk)',
                },
              },
              {
                Update: {
                  TableName: tableName,
                  Key: { pk, sk: META_SK },
                  UpdateExpression: 'SET subscriptions = subscriptions - :one',
                  ConditionExpression: 'attribute_exists(pk)',
                  ExpressionAttributeValues: { ':one': 1 },
                },
              },
            ],
          }),
        );
        return true;
      } catch (error) {
        if (reasonsOf(error) !== undefined) return false;
        throw error;
      }
    },
    async channels(connectionId) {
      const items = await queryAll(documents, {
        TableName: tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :sub)',
        ExpressionAttributeValues: { ':pk': connectionPk(connectionId), ':sub': 'SUB#' },
      });
      return items.map((item) => String(item['channel']));
    },
    subscribers: (key) => idsOn(subscribersPk(key)),
    async all() {
      const items = await onIndex(ALL_CONNECTIONS, 'gsi1sk, user_id, session_id');
      return items.map((item) => ({
        connectionId: String(item['gsi1sk']),
        userId: typeof item['user_id'] === 'string' ? item['user_id'] : null,
        sessionId: typeof item['session_id'] === 'string' ? item['session_id'] : null,
      }));
    },
    async remove(connectionId) {
      const pk = connectionPk(connectionId);
      const items = await queryAll(documents, {
        TableName: tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': pk },
      });
      const meta = items.find((item) => item['sk'] === META_SK);
      const record = meta === undefined ? undefined : connectionOf(meta);
      const slot = (pk: string, n: unknown) =>
        typeof n === 'number' ? [{ pk, sk: slotSk(n) }] : [];
      if (record !== undefined) {
        await releaseSlots(documents, tableName, connectionId, [
          ...slot(ipConnectionsPk(record.ip), meta?.['ip_slot']),
          ...(record.userId === null
            ? []
            : slot(userConnectionsPk(record.userId), meta?.['user_slot'])),
        ]);
      }
      const keys = items.map((item) => ({ pk, sk: String(item['sk']) }));
      await batchWriteAll(
        documents,
        tableName,
        keys.map((Key) => ({ DeleteRequest: { Key } })),
      );
    },
  };
}
