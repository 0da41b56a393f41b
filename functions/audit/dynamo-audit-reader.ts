import {
  GetCommand,
  QueryCommand,
  type DynamoDBDocumentClient,
  type QueryCommandInput,
} from '@aws-sdk/lib-dynamodb';
import {
  HEAD_ATTRIBUTES,
  HEAD_SK,
  RECORD_SK_PREFIX,
  actorKey,
  chainPk,
  fromRecordItem,
  headItemSchema,
  recordItemSchema,
  recordSk,
  resourceKey,
} from '../../shared/audit/audit-item';
import {
  AUDIT_CHAIN_COUNT,
  GENESIS_HASH,
  compactTime,
  parseRecordId,
  type AuditRecord,
} from '../../shared/audit/audit-record';
import { mergePages, type StreamPage } from './merge-pages';
import type {
  AuditReader,
  ChainEntry,
  ChainHead,
  EventFilter,
  EventPage,
  EventQuery,
} from './ports';

/** Items one stream may evaluate per page request, so a sparse filter cannot run unbounded. */
export const STREAM_READ_BUDGET = 2_000;
const WALK_PAGE = 1_000;
const FIRST_ID = '0';
const LAST_ID = '~';

interface Stream {
  readonly indexName?: string;
  readonly pkName: string;
  readonly pkValue: string;
  readonly skName: string;
  readonly prefix: string;
}

const toRecord = (item: Record<string, unknown>): AuditRecord | undefined => {
  const parsed = recordItemSchema.safeParse(item);
  return parsed.success ? fromRecordItem(parsed.data) : undefined;
};

/**
 * Picks the cheapest key for a filter: a resource's index partition, else an actor's, else all
 * chains merged. Every remaining criterion becomes a filter expression, which costs reads of
 * the non-matching items inside the queried key range (the time range narrows that range).
 */
function plan(filter: EventFilter): { streams: Stream[]; conditions: [string, string][] } {
  const conditions: [string, string][] = [];
  const add = (name: string, value: string | undefined) => {
    if (value !== undefined) conditions.push([name, value]);
  };
  add('actor_type', filter.actorType);
  add('action', filter.action);
  add('result', filter.result);
  if (filter.resourceType !== undefined && filter.resourceId !== undefined) {
    add('actor_id', filter.actorId);
    const pkValue = resourceKey(filter.resourceType, filter.resourceId);
    const stream = { indexName: 'gsi2', pkName: 'gsi2pk', pkValue, skName: 'gsi2sk', prefix: '' };
    return { streams: [stream], conditions };
  }
  add('resource_type', filter.resourceType);
  add('resource_id', filter.resourceId);
  if (filter.actorId !== undefined) {
    const pkValue = actorKey(filter.actorId);
    const stream = { indexName: 'gsi1', pkName: 'gsi1pk', pkValue, skName: 'gsi1sk', prefix: '' };
    return { streams: [stream], conditions };
  }
  const streams = Array.from({ length: AUDIT_CHAIN_COUNT }, (_, chain) => ({
    pkName: 'pk',
    pkValue: chainPk(chain),
    skName: 'sk',
    prefix: RECORD_SK_PREFIX,
  }));
  return { streams, conditions };
}

/** Reads of the Audit table: pages of records by filter, single records, heads, chain walks. */
export class DynamoAuditReader implements AuditReader {
  constructor(
    private readonly documents: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async list(query: EventQuery): Promise<EventPage> {
    const { streams, conditions } = plan(query.filter);
    const { from, to } = query.filter;
    const low = from === undefined ? FIRST_ID : compactTime(from);
    const toBound = to === undefined ? LAST_ID : `${compactTime(to)}${LAST_ID}`;
    const high = query.before !== undefined && query.before < toBound ? query.before : toBound;
    if (low > high) return { items: [] };
    const pages = await Promise.all(
      streams.map((stream) => this.readStream(stream, conditions, low, high, query)),
    );
    return mergePages(pages, query.limit);
  }

  private async readStream(
    stream: Stream,
    conditions: readonly [string, string][],
    low: string,
    high: string,
    query: EventQuery,
  ): Promise<StreamPage> {
    const names: Record<string, string> = { '#pk': stream.pkName, '#sk': stream.skName };
    const values: Record<string, unknown> = {
      ':pk': stream.pkValue,
      ':low': `${stream.prefix}${low}`,
      ':high': `${stream.prefix}${high}`,
    };
    conditions.forEach(([name, value], i) => {
      names[`#f${i}`] = name;
      values[`:f${i}`] = value;
    });
    const input: QueryCommandInput = {
      TableName: this.tableName,
      ...(stream.indexName === undefined ? {} : { IndexName: stream.indexName }),
      KeyConditionExpression: '#pk = :pk AND #sk BETWEEN :low AND :high',
      ...(conditions.length === 0
        ? {}
        : { FilterExpression: conditions.map((_, i) => `#f${i} = :f${i}`).join(' AND ') }),
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
      ScanIndexForward: false,
      Limit: conditions.length === 0 ? query.limit + 1 : 250,
    };
    const items: AuditRecord[] = [];
    let scanned = 0;
    for (;;) {
      const page = await this.documents.send(new QueryCommand(input));
      for (const item of page.Items ?? []) {
        const record = toRecord(item);
        if (record !== undefined && (query.before === undefined || record.id < query.before)) {
          items.push(record);
        }
      }
      scanned += page.ScannedCount ?? 0;
      const next = page.LastEvaluatedKey;
      if (next === undefined) return { items };
      if (items.length >= query.limit || scanned >= STREAM_READ_BUDGET) {
        return { items, frontier: String(next[stream.skName]).slice(stream.prefix.length) };
      }
      input.ExclusiveStartKey = next;
    }
  }

  async get(id: string): Promise<AuditRecord | undefined> {
    const position = parseRecordId(id);
    if (position === undefined) return undefined;
    const { Item } = await this.documents.send(
      new GetCommand({
        TableName: this.tableName,
        Key: { pk: chainPk(position.chain), sk: recordSk(id) },
        ConsistentRead: true,
      }),
    );
    return Item === undefined ? undefined : toRecord(Item);
  }

  async heads(): Promise<readonly ChainHead[]> {
    return Promise.all(
      Array.from({ length: AUDIT_CHAIN_COUNT }, async (_, chain) => {
        const { Item } = await this.documents.send(
          new GetCommand({
            TableName: this.tableName,
            Key: { pk: chainPk(chain), sk: HEAD_SK },
            ConsistentRead: true,
            ProjectionExpression: HEAD_ATTRIBUTES.join(', '),
          }),
        );
        if (Item === undefined) return { chain, seq: 0, hash: GENESIS_HASH };
        const head = headItemSchema.safeParse(Item);
        if (!head.success) return { chain, seq: 0, hash: GENESIS_HASH, damaged: true };
        const { head_seq: seq, head_hash: hash, head_last_id: lastId } = head.data;
        return { chain, seq, hash, lastId };
      }),
    );
  }

  async *walk(chain: number, afterId?: string): AsyncIterable<ChainEntry> {
    const low = recordSk(afterId ?? FIRST_ID);
    let start: Record<string, unknown> | undefined;
    do {
      const page = await this.documents.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'pk = :pk AND sk BETWEEN :low AND :high',
          ExpressionAttributeValues: {
            ':pk': chainPk(chain),
            ':low': low,
            ':high': recordSk(LAST_ID),
          },
          ConsistentRead: true,
          Limit: WALK_PAGE,
          ...(start === undefined ? {} : { ExclusiveStartKey: start }),
        }),
      );
      for (const item of page.Items ?? []) {
        const key = String(item['sk']).slice(RECORD_SK_PREFIX.length);
        if (key !== afterId) yield { key, record: toRecord(item) };
      }
      start = page.LastEvaluatedKey;
    } while (start !== undefined);
  }
}
