import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  BatchWriteCommand,
  GetCommand,
  PutCommand,
  QueryCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import { createHash } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import { seqKey } from '../../../shared/market-data/items';
import type { JournalEntry, JournalRecord } from '../journal/record';
import { FencedError, type Journal } from '../ports';
import type { SymbolSnapshot } from '../symbol-book';

/** Snapshot bytes per item: well under DynamoDB's 400 KB item limit. */
const CHUNK_BYTES = 300 * 1024;

const journalPk = (symbol: string) => `JOURNAL#${symbol}`;
const snapshotPk = (symbol: string) => `SNAPSHOT#${symbol}`;
const chunkPk = (symbol: string, seq: number) => `SNAPCHUNK#${symbol}#${seqKey(seq)}`;
const cursorKey = (symbol: string) => ({ pk: `SETTLED#${symbol}`, sk: 'CURSOR' });

const pack = (value: unknown): Uint8Array => gzipSync(JSON.stringify(value));
const unpack = <T>(bytes: Uint8Array): T => JSON.parse(gunzipSync(bytes).toString('utf8')) as T;

/**
 * The journal in the Journal table:
 *
 * | pk                          | sk              | item                                        |
 * | --------------------------- | --------------- | ------------------------------------------- |
 * | `JOURNAL#<symbol>`          | `<seq>`         | one record: event range, gzipped entries    |
 * | `SNAPSHOT#<symbol>`         | `<record seq>`  | snapshot header: chunk count, SHA-256       |
 * | `SNAPCHUNK#<symbol>#<seq>`  | `<chunk index>` | gzipped snapshot bytes                      |
 * | `SETTLED#<symbol>`          | `CURSOR`        | newest record fully settled                 |
 *
 * Sequence numbers are zero-padded so they sort as numbers. A record is written with
 * `attribute_not_exists(pk)`: two engines on one symbol compute the same next seq, and only
 * one of them gets it.
 */
export class DynamoJournal implements Journal {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly writer: string,
  ) {}

  async append(record: JournalRecord): Promise<void> {
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            pk: journalPk(record.symbol),
            sk: seqKey(record.seq),
            seq: record.seq,
            first_event_seq: record.firstEventSeq,
            last_event_seq: record.lastEventSeq,
            written_at: record.writtenAt,
            writer: this.writer,
            commands: record.entries.length,
            entries: pack(record.entries),
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) {
        throw new FencedError(
          `${record.symbol} record ${record.seq} was journaled by another writer`,
        );
      }
      throw error;
    }
  }

  async *readAfter(symbol: string, afterSeq: number): AsyncIterable<JournalRecord> {
    let start: Record<string, unknown> | undefined;
    do {
      const page = await this.db.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'pk = :pk AND sk > :after',
          ExpressionAttributeValues: { ':pk': journalPk(symbol), ':after': seqKey(afterSeq) },
          ConsistentRead: true,
          ExclusiveStartKey: start,
        }),
      );
      for (const item of page.Items ?? []) {
        yield {
          symbol,
          seq: item.seq as number,
          firstEventSeq: item.first_event_seq as number,
          lastEventSeq: item.last_event_seq as number,
          writtenAt: item.written_at as number,
          entries: unpack<JournalEntry[]>(item.entries as Uint8Array),
        };
      }
      start = page.LastEvaluatedKey;
    } while (start !== undefined);
  }

  async latestSnapshot(symbol: string): Promise<SymbolSnapshot | undefined> {
    const { Items = [] } = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': snapshotPk(symbol) },
        ScanIndexForward: false,
        Limit: 1,
        ConsistentRead: true,
      }),
    );
    const header = Items[0];
    if (header === undefined) return undefined;
    const seq = header.record_seq as number;
    const parts: Uint8Array[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page = await this.db.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': chunkPk(symbol, seq) },
          ConsistentRead: true,
          ExclusiveStartKey: start,
        }),
      );
      for (const item of page.Items ?? []) parts.push(item.bytes as Uint8Array);
      start = page.LastEvaluatedKey;
    } while (start !== undefined);
    const bytes = Buffer.concat(parts);
    if (parts.length !== header.chunks || sha256(bytes) !== header.sha256) {
      throw new Error(`${symbol} snapshot ${seq} is incomplete or corrupt`);
    }
    return unpack<SymbolSnapshot>(bytes);
  }

  /** Chunks first, header last: a snapshot without its header does not exist for readers. */
  async saveSnapshot(snapshot: SymbolSnapshot): Promise<void> {
    const bytes = Buffer.from(pack(snapshot));
    const chunks: Buffer[] = [];
    for (let offset = 0; offset < bytes.length; offset += CHUNK_BYTES) {
      chunks.push(bytes.subarray(offset, offset + CHUNK_BYTES));
    }
    const pk = chunkPk(snapshot.symbol, snapshot.recordSeq);
    for (let i = 0; i < chunks.length; i += 25) {
      let pending: Record<string, unknown>[] | undefined = chunks
        .slice(i, i + 25)
        .map((chunk, j) => ({
          PutRequest: { Item: { pk, sk: String(i + j).padStart(6, '0'), bytes: chunk } },
        }));
      while (pending !== undefined && pending.length > 0) {
        const result = await this.db.send(
          new BatchWriteCommand({ RequestItems: { [this.tableName]: pending } }),
        );
        pending = result.UnprocessedItems?.[this.tableName] as
          Record<string, unknown>[] | undefined;
      }
    }
    await this.db.send(
      new PutCommand({
        TableName: this.tableName,
        Item: {
          pk: snapshotPk(snapshot.symbol),
          sk: seqKey(snapshot.recordSeq),
          record_seq: snapshot.recordSeq,
          chunks: chunks.length,
          sha256: sha256(bytes),
          open_orders: snapshot.book.bids.length + snapshot.book.asks.length,
          writer: this.writer,
        },
      }),
    );
  }

  async settledThrough(symbol: string): Promise<number> {
    const { Item } = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: cursorKey(symbol), ConsistentRead: true }),
    );
    return (Item?.seq as number | undefined) ?? 0;
  }

  async markSettled(symbol: string, seq: number): Promise<void> {
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...cursorKey(symbol), seq, writer: this.writer },
          ConditionExpression: 'attribute_not_exists(seq) OR seq < :seq',
          ExpressionAttributeValues: { ':seq': seq },
        }),
      );
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  }
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
