import {
  GetCommand,
  QueryCommand,
  TransactWriteCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import {
  EVENT_TTL_SECONDS,
  SEQ_SK,
  SOURCE_TTL_SECONDS,
  eventSk,
  eventsPk,
  sourceKey,
} from './connection-items';
import type { EventLog, StoredEvent } from './ports';

const toEvent = (item: Record<string, unknown>): StoredEvent => ({
  seq: Number(item['seq']),
  event: String(item['event']),
  data: JSON.parse(String(item['data'])) as unknown,
  at: String(item['at']),
});

/**
 * The private event log in the Streams table. The payload is stored as JSON text, so what a
 * resumed client receives is byte for byte what was pushed live.
 */
export function dynamoEventLog(
  documents: DynamoDBDocumentClient,
  tableName: string,
  nowMs: () => number = Date.now,
): EventLog {
  return {
    async current(userId, channel) {
      const { Item } = await documents.send(
        new GetCommand({
          TableName: tableName,
          Key: { pk: eventsPk(userId, channel), sk: SEQ_SK },
          ConsistentRead: true,
        }),
      );
      return Item === undefined ? 0 : Number(Item['seq']);
    },
    async commit({ userId, channel, sourceId, previous, event }) {
      const pk = eventsPk(userId, channel);
      const next = previous + 1;
      const now = Math.floor(nowMs() / 1000);
      try {
        await documents.send(
          new TransactWriteCommand({
            TransactItems: [
              {
                Update: {
                  TableName: tableName,
                  Key: { pk, sk: SEQ_SK },
                  UpdateExpression: 'SET seq = :next',
                  ConditionExpression:
                    previous === 0 ? 'attribute_not_exists(seq)' : 'seq = :previous',
                  ExpressionAttributeValues: {
                    ':next': next,
                    ...(previous === 0 ? {} : { ':previous': previous }),
                  },
                },
              },
              {
                Put: {
                  TableName: tableName,
                  Item: {
                    pk,
                    sk: eventSk(next),
                    seq: next,
                    event: event.event,
                    data: JSON.stringify(event.data),
                    at: event.at,
                    expires_at: now + EVENT_TTL_SECONDS,
                  },
                  ConditionExpression: 'attribute_not_exists(pk)',
                },
              },
              {
                Put: {
                  TableName: tableName,
                  Item: { ...sourceKey(sourceId), seq: next, expires_at: now + SOURCE_TTL_SECONDS },
                  ConditionExpression: 'attribute_not_exists(pk)',
                },
              },
            ],
          }),
        );
        return 'committed';
      } catch (error) {
        if ((error as { name?: string }).name !== 'TransactionCanceledException') throw error;
        const reasons =
          (error as { CancellationReasons?: { Code?: string }[] }).CancellationReasons ?? [];
        if (reasons[2]?.Code === 'ConditionalCheckFailed') return 'duplicate';
        return 'conflict';
      }
    },
    async seqOfSource(sourceId) {
      const { Item } = await documents.send(
        new GetCommand({ TableName: tableName, Key: sourceKey(sourceId), ConsistentRead: true }),
      );
      return Item === undefined ? undefined : Number(Item['seq']);
    },
    async since(userId, channel, fromSeq) {
      const pk = eventsPk(userId, channel);
      const oldest = await documents.send(
        new QueryCommand({
          TableName: tableName,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :e)',
          ExpressionAttributeValues: { ':pk': pk, ':e': 'E#' },
          Limit: 1,
        }),
      );
      const first = oldest.Items?.[0];
      const events: StoredEvent[] = [];
      let startKey: Record<string, unknown> | undefined;
      do {
        const page = await documents.send(
          new QueryCommand({
            TableName: tableName,
            KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
            ExpressionAttributeValues: { ':pk': pk, ':from': eventSk(fromSeq + 1), ':to': 'E#9' },
            ConsistentRead: true,
            ...(startKey === undefined ? {} : { ExclusiveStartKey: startKey }),
          }),
        );
        events.push(...(page.Items ?? []).map(toEvent));
        startKey = page.LastEvaluatedKey;
      } while (startKey !== undefined);
      return { events, oldestKept: first === undefined ? undefined : Number(first['seq']) };
    },
  };
}
