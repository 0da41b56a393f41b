import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  GetCommand,
  PutCommand,
  QueryCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import { batchWriteAll } from '../../../shared/aws/dynamo-batch-write';
import { createHash } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import { queryAll } from '../../../shared/aws/dynamo-query-all';
import { seqKey } from '../../../shared/market-data/items';
import type { JournalEntry, JournalRecord } from '../journal/record';
import { FencedError, type Journal } from '../ports';
import type { SymbolSnapshot } from '../symbol-book';

/** Snapshot and record bytes per item: well under DynamoDB's 400 KB item limit. */
const CHUNK_BYTES = 300 * 1024;
/** A record's gzipped entries up to this size live in the record item itself. */
const INLINE_BYTES = 350 * 1024;

const journalPk = (symbol: string) => `JOURNAL#${symbol}`;
const snapshotPk = (symbol: string) => `SNAPSHOT#${symbol}`;
const chunkPk = (symbol: string, seq: number) => `SNAPCHUNK#${symbol}#${seqKey(seq)}`;
/** Per writer: chunks a fenced writer left behind are never read under the winner's record. */
const recordChunkPk = (symbol: string, seq: number, writer: string) =>
  `JOURNALCHUNK#${symbol}#${seqKey(seq)}#${writer}`;
const cursorKey = (symbol: string) => ({ pk: `SETTLED#${symbol}`, sk: 'CURSOR' });

const chunkSk = (index: number) => String(index).padStart(6, '0');

const pack = (value: unknown): Uint8Array => gzipSync(JSON.stringify(value));
const unpack = <T>(bytes: Uint8Array): T => JSON.parse(gunzipSync(bytes).toString('utf8')) as T;

/**
 * The journal in the Journal table:
 *
 * | pk                          | sk              | item                                        |
 * | --------------------------- | --------------- | ------------------------------------------- |
 * | `JOURNAL#<symbol>`          | `<seq>`         | one record: event range, gzipped entries    |
 * | `JOURNALCHUNK#<s>#<seq>#<w>`| `<chunk index>` | a large record's gzipped entries, by writer |
 * | `SNAPSHOT#<symbol>`         | `<record seq>`  | snapshot header: chunk count, SHA-256       |
 * | `SNAPCHUNK#<symbol>#<seq>`  | `<chunk index>` | gzipped snapshot bytes                      |
 * | `SETTLED#<symbol>`          | `CURSOR`        | newest record fully settled                 |
 *
 * Sequence numbers are zero-padded so they sort as numbers. A record is written with
 * `attribute_not_exists(pk)`: two engines on one symbol compute the same next seq, and only
 * one of them gets it. A record whose gzipped entries outgrow one item (an order sweeping
 * thousands of makers) is chunked like a snapshot, chunks first and the conditional record item
 * last, with the chunk count and SHA-256.
 */
export class DynamoJournal implements Journal {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly writer: string,
  ) {}

  async append(record: JournalRecord): Promise<void> {
    const bytes = Buffer.from(pack(record.entries));
    const body =
      bytes.length <= INLINE_BYTES
        ? { entries: bytes }
        : {
            chunks: await this.putChunks(
              recordChunkPk(record.symbol, record.seq, this.writer),
              bytes,
            ),
            sha256: sha256(bytes),
          };
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
            ...body,
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
          entries: unpack<JournalEntry[]>(await this.recordBytes(symbol, item)),
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
    const bytes = await this.readChunks(chunkPk(symbol, seq), header, `${symbol} snapshot ${seq}`);
    return unpack<SymbolSnapshot>(bytes);
  }

  /** Chunks first, header last: a snapshot without its header does not exist for readers. */
  async saveSnapshot(snapshot: SymbolSnapshot): Promise<void> {
    const bytes = Buffer.from(pack(snapshot));
    const chunks = await this.putChunks(chunkPk(snapshot.symbol, snapshot.recordSeq), bytes);
    await this.db.send(
      new PutCommand({
        TableName: this.tableName,
        Item: {
          pk: snapshotPk(snapshot.symbol),
          sk: seqKey(snapshot.recordSeq),
          record_seq: snapshot.recordSeq,
          chunks,
          sha256: sha256(bytes),
          open_orders: snapshot.book.bids.length + snapshot.book.asks.length,
          writer: this.writer,
        },
      }),
    );
  }

  /** A record's gzipped entries: inline, or reassembled from its writer's chunks. */
  private async recordBytes(symbol: string, item: Record<string, unknown>): Promise<Uint8Array> {
    if (item.chunks === undefined) return item.entries as Uint8Array;
    const seq = item.seq as number;
    const pk = recordChunkPk(symbol, seq, item.writer as string);
    return this.readChunks(pk, item, `${symbol} record ${seq}`);
  }

  /** Writes `bytes` as numbered chunk items under `pk`; returns how many. */
  private async putChunks(pk: string, bytes: Buffer): Promise<number> {
    const chunks: Buffer[] = [];
    for (let offset = 0; offset < bytes.length; offset += CHUNK_BYTES) {
      chunks.push(bytes.subarray(offset, offset + CHUNK_BYTES));
    }
    await batchWriteAll(
      this.db,
      this.tableName,
      chunks.map((chunk, i) => ({ PutRequest: { Item: { pk, sk: chunkSk(i), bytes: chunk } } })),
    );
    return chunks.length;
  }

  /**
   * The header's chunks under `pk` joined, checked against its count and SHA-256. Only chunks
   * below the count are read: an earlier attempt at the same record whose header write failed
   * may have left more.
   */
  private async readChunks(
    pk: string,
    header: Record<string, unknown>,
    what: string,
  ): Promise<Buffer> {
    const items = await queryAll(this.db, {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk AND sk <= :last',
      ExpressionAttributeValues: { ':pk': pk, ':last': chunkSk(Number(header.chunks) - 1) },
      ConsistentRead: true,
    });
    const parts = items.map((item) => item['bytes'] as Uint8Array);
    const bytes = Buffer.concat(parts);
    if (parts.length !== header.chunks || sha256(bytes) !== header.sha256) {
      throw new Error(`${what} is incomplete or corrupt`);
    }
    return bytes;
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
