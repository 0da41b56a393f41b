import {
  GetCommand,
  QueryCommand,
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
  subscriptionSk,
  userConnectionsPk,
} from './connection-items';
import type { ConnectionStore } from './ports';
import { batchWriteAll } from '../../shared/aws/dynamo-batch-write';
import { queryAll } from '../../shared/aws/dynamo-query-all';

const reasonsOf = (error: unknown): (string | undefined)[] | undefined => {
  if ((error as { name?: string }).name !== 'TransactionCanceledException') return undefined;
  const reasons = (error as { CancellationReasons?: { Code?: string }[] }).CancellationReasons;
  return (reasons ?? []).map((reason) => reason.Code);
};

/** Connections and subscriptions in the Streams table (layout in `connection-items.ts`). */
export function dynamoConnections(
  documents: DynamoDBDocumentClient,
  tableName: string,
  nowMs: () => number = Date.now,
): ConnectionStore {
  const count = async (pk: string): Promise<number> => {
    const page = await documents.send(
      new QueryCommand({
        TableName: tableName,
        KeyConditionExpression: 'pk = :pk',
        FilterExpression: 'expires_at > :now',
        ExpressionAttributeValues: { ':pk': pk, ':now': Math.floor(nowMs() / 1000) },
        Select: 'COUNT',
      }),
    );
    return page.Count ?? 0;
  };
  const idsOn = async (gsi1pk: string): Promise<string[]> => {
    const items = await queryAll(documents, {
      TableName: tableName,
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': gsi1pk },
      ProjectionExpression: 'gsi1sk',
    });
    return items.map((item) => String(item['gsi1sk']));
  };

  return {
    countByUser: (userId) => count(userConnectionsPk(userId)),
    countByIp: (ip) => count(ipConnectionsPk(ip)),
    async open(record, expiresAt) {
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
        ...(record.rejected === null ? { gsi1pk: ALL_CONNECTIONS, gsi1sk: id } : {}),
      };
      const index = (pk: string) => ({
        Put: { TableName: tableName, Item: { pk, sk: connectionPk(id), expires_at: expiresAt } },
      });
      const counted =
        record.rejected !== null
          ? []
          : [
              index(ipConnectionsPk(record.ip)),
              ...(record.userId === null ? [] : [index(userConnectionsPk(record.userId))]),
            ];
      await documents.send(
        new TransactWriteCommand({
          TransactItems: [{ Put: { TableName: tableName, Item: meta } }, ...counted],
        }),
      );
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
      const items = await queryAll(documents, {
        TableName: tableName,
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :pk',
        ExpressionAttributeValues: { ':pk': ALL_CONNECTIONS },
        ProjectionExpression: 'gsi1sk, user_id, session_id',
      });
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
      const keys = [
        ...items.map((item) => ({ pk, sk: String(item['sk']) })),
        ...(record === undefined ? [] : [{ pk: ipConnectionsPk(record.ip), sk: pk }]),
        ...(record?.userId ? [{ pk: userConnectionsPk(record.userId), sk: pk }] : []),
      ];
      await batchWriteAll(
        documents,
        tableName,
        keys.map((Key) => ({ DeleteRequest: { Key } })),
      );
    },
  };
}
