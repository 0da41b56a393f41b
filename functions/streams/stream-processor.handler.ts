import type { DynamoDBStreamEvent } from 'aws-lambda';
import { changeRecordsOf } from './aws-stream-records';
import { buildProcessorDeps, streamsLogger } from './deps';
import { fanOut } from './fanout';

const deps = buildProcessorDeps();

/**
 * DynamoDB Streams (Trading, MarketData, Streams tables) → connections. A failure throws, so
 * the event source mapping retries the batch; seq allocation is idempotent per record, so a
 * retry re-sends with the same seqs instead of allocating new ones.
 */
export async function handler(event: DynamoDBStreamEvent): Promise<void> {
  const records = changeRecordsOf(event.Records, deps.tableNames);
  await fanOut(deps, records);
  streamsLogger.debug('stream batch fanned out', { records: records.length });
}
