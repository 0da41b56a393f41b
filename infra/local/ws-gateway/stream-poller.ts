import {
  DescribeTableCommand,
  UpdateTableCommand,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import {
  DescribeStreamCommand,
  GetRecordsCommand,
  GetShardIteratorCommand,
  type DynamoDBStreamsClient,
  type _Record as StreamRecord,
} from '@aws-sdk/client-dynamodb-streams';
import type { DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';

/** What the poller needs: the two clients, the tables, and the Lambda it stands in for. */
export interface StreamPollerOptions {
  readonly dynamodb: DynamoDBClient;
  readonly streams: DynamoDBStreamsClient;
  readonly tables: readonly string[];
  readonly handler: (event: DynamoDBStreamEvent) => Promise<unknown>;
  readonly log: (entry: Record<string, unknown>) => void;
  /** Wait between polls of a table with nothing new. */
  readonly idleMs?: number;
  /** Most records per handler call (Lambda's batch size). */
  readonly batchSize?: number;
  /**
   * How often the shard list is read again while shards are being read (at once when none is):
   * DynamoDB Local adds shards rarely, and describing on every poll costs it a call per table.
   */
  readonly describeEveryMs?: number;
}

/** Turns streams on (new and old images) unless the table already has one; its ARN. */
export async function ensureStream(dynamodb: DynamoDBClient, table: string): Promise<string> {
  const described = await dynamodb.send(new DescribeTableCommand({ TableName: table }));
  const current = described.Table;
  if (current?.StreamSpecification?.StreamEnabled && current.LatestStreamArn) {
    return current.LatestStreamArn;
  }
  const updated = await dynamodb.send(
    new UpdateTableCommand({
      TableName: table,
      StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' },
    }),
  );
  const arn = updated.TableDescription?.LatestStreamArn;
  if (arn === undefined) throw new Error(`no stream on ${table}`);
  return arn;
}

/** An iterator that must be fetched again (from after the last record handled). */
const stale = new Set(['TrimmedDataAccessException', 'ExpiredIteratorException']);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const lambdaRecord = (arn: string, record: StreamRecord): DynamoDBRecord =>
  ({
    eventID: record.eventID,
    eventName: record.eventName,
    eventVersion: record.eventVersion,
    eventSource: 'aws:dynamodb',
    awsRegion: record.awsRegion,
    eventSourceARN: arn,
    dynamodb: {
      ...record.dynamodb,
      ApproximateCreationDateTime:
        record.dynamodb?.ApproximateCreationDateTime === undefined
          ? undefined
          : record.dynamodb.ApproximateCreationDateTime.getTime() / 1000,
    },
  }) as DynamoDBRecord;

/**
 * The local stand-in for Lambda's DynamoDB event source mapping: one loop per table reads every
 * shard from its oldest record, calls the handler with Lambda-shaped batches in order, and only
 * moves past a batch once the handler succeeded (a failure is retried, as Lambda does). A read
 * error restarts the table's loop from where each shard was read to, never from its oldest
 * record again. Returns a stop function.
 */
export function startStreamPoller(options: StreamPollerOptions): () => Promise<void> {
  let running = true;
  const idleMs = options.idleMs ?? 100;
  const batchSize = options.batchSize ?? 100;
  const describeEveryMs = options.describeEveryMs ?? 1_000;

  /** Where each shard was read to; kept across restarts, as Lambda's checkpoint is. */
  type Progress = { readonly lastSequence: Map<string, string>; readonly finished: Set<string> };

  const pollTable = async (table: string, { lastSequence, finished }: Progress) => {
    const arn = await ensureStream(options.dynamodb, table);
    const iterators = new Map<string, string | undefined>();
    let describedAt = Number.NEGATIVE_INFINITY;
    while (running) {
      const shards =
        iterators.size > 0 && Date.now() - describedAt < describeEveryMs
          ? []
          : ((await options.streams.send(new DescribeStreamCommand({ StreamArn: arn })))
              .StreamDescription?.Shards ?? []);
      if (shards.length > 0) describedAt = Date.now();
      for (const shard of shards) {
        const id = shard.ShardId;
        if (id === undefined || iterators.has(id) || finished.has(id)) continue;
        const after = lastSequence.get(id);
        const { ShardIterator } = await options.streams.send(
          new GetShardIteratorCommand({
            StreamArn: arn,
            ShardId: id,
            ...(after === undefined
              ? { ShardIteratorType: 'TRIM_HORIZON' }
              : { ShardIteratorType: 'AFTER_SEQUENCE_NUMBER', SequenceNumber: after }),
          }),
        );
        iterators.set(id, ShardIterator);
      }
      let busy = false;
      for (const [shardId, iterator] of iterators) {
        if (iterator === undefined) {
          iterators.delete(shardId);
          finished.add(shardId);
          continue;
        }
        const page = await options.streams
          .send(new GetRecordsCommand({ ShardIterator: iterator, Limit: batchSize }))
          .catch((error: unknown) => {
            if (!stale.has((error as { name?: string }).name ?? '')) throw error;
            return undefined;
          });
        if (page === undefined) {
          iterators.delete(shardId);
          continue;
        }
        const records = (page.Records ?? []).map((record) => lambdaRecord(arn, record));
        if (records.length > 0) {
          busy = true;
          try {
            await options.handler({ Records: records });
          } catch (error) {
            options.log({
              level: 'ERROR',
              message: 'stream batch failed',
              table,
              error: String(error),
            });
            await sleep(500);
            continue;
          }
        }
        const newest = page.Records?.[page.Records.length - 1]?.dynamodb?.SequenceNumber;
        if (newest !== undefined) lastSequence.set(shardId, newest);
        iterators.set(shardId, page.NextShardIterator);
      }
      if (!busy) await sleep(idleMs);
    }
  };

  const loops = options.tables.map((table) =>
    (async () => {
      const progress: Progress = { lastSequence: new Map(), finished: new Set() };
      while (running) {
        try {
          await pollTable(table, progress);
        } catch (error) {
          if (!running) return;
          options.log({
            level: 'ERROR',
            message: 'stream poller restarts',
            table,
            error: String(error),
          });
          await sleep(1000);
        }
      }
    })(),
  );
  return async () => {
    running = false;
    await Promise.all(loops);
  };
}
