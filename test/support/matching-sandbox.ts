import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { CreateQueueCommand, SQSClient } from '@aws-sdk/client-sqs';
import { randomUUID } from 'node:crypto';
import { openSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tables } from '../../infra/definitions/tables';
import { provisionTable } from '../../infra/local/provision/tables';
import { localEnv } from './local-stack';
import { freePort } from './polling';

/** What a test's own matching process runs on; see {@link matchingSandbox}. */
export interface MatchingSandbox {
  /** Random suffix of every name here; tests name their users after it too. */
  readonly run: string;
  readonly queueUrl: string;
  readonly journalTable: string;
  readonly port: number;
  /** The process env: the stack's, pointed at this sandbox, as a task of shard `eth`. */
  readonly env: NodeJS.ProcessEnv;
  /** Append-only log file descriptor (`<tmp>/<prefix>-<run>.log`) for the process's output. */
  readonly log: number;
  /** Path of that log file, for tests that read what the process logged. */
  readonly logPath: string;
}

/**
 * A world of its own for a matching process that a test runs beside the local stack's: a FIFO
 * queue (5 s visibility), a journal and a market-data table, a free health port, and the env of
 * a task of shard `eth` on them. It settles into the stack's Trading table, so everything after
 * the queue is the real thing, while the stack's own processes never see its commands.
 */
export async function matchingSandbox(
  prefix: string,
  env: Record<string, string> = {},
): Promise<MatchingSandbox> {
  const run = randomUUID().slice(0, 8);
  const journalTable = `${prefix}-journal-${run}`;
  const marketTable = `${prefix}-market-${run}`;
  const dynamo = new DynamoDBClient({});
  await provisionTable(dynamo, { ...tables.journal, id: journalTable });
  await provisionTable(dynamo, { ...tables.marketData, id: marketTable });
  const { QueueUrl: queueUrl } = await new SQSClient({ useQueueUrlAsEndpoint: false }).send(
    new CreateQueueCommand({
      QueueName: `${prefix}-${run}.fifo`,
      Attributes: { FifoQueue: 'true', VisibilityTimeout: '5' },
    }),
  );
  const port = await freePort();
  const logPath = join(tmpdir(), `${prefix}-${run}.log`);
  return {
    run,
    queueUrl: queueUrl!,
    journalTable,
    port,
    env: {
      ...process.env,
      ...localEnv(),
      ORDERS_QUEUE_URL: queueUrl!,
      JOURNAL_TABLE: journalTable,
      MARKET_DATA_TABLE: marketTable,
      MATCHING_SHARD: 'eth',
      MATCHING_HEALTH_PORT: String(port),
      MATCHING_VISIBILITY_SECONDS: '5',
      ...env,
    },
    log: openSync(logPath, 'a'),
    logPath,
  };
}
