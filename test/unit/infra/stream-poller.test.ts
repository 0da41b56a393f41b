import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  DescribeStreamCommand,
  GetRecordsCommand,
  GetShardIteratorCommand,
  type DynamoDBStreamsClient,
} from '@aws-sdk/client-dynamodb-streams';
import type { DynamoDBStreamEvent } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { startStreamPoller } from '../../../infra/local/ws-gateway/stream-poller';

const ARN = 'arn:aws:dynamodb:local:000000000000:table/Trading/stream/1';

const record = (sequence: string) => ({
  eventID: `event-${sequence}`,
  eventName: 'INSERT',
  dynamodb: { SequenceNumber: sequence, Keys: { pk: { S: `K#${sequence}` } } },
});

/**
 * One shard holding one record, whose second read drops the connection once; counts the reads
 * after that failure, so the test knows when the restarted loop has read the shard again.
 */
function fakeStreams() {
  const state = { failed: false, readsAfterFailure: 0 };
  const streams = {
    send: async (command: unknown) => {
      if (command instanceof DescribeStreamCommand) {
        return { StreamDescription: { Shards: [{ ShardId: 'shard-1' }] } };
      }
      if (command instanceof GetShardIteratorCommand) {
        const { ShardIteratorType: type, SequenceNumber: after } = command.input;
        return { ShardIterator: type === 'TRIM_HORIZON' ? 'from-start' : `after-${after}` };
      }
      if (command instanceof GetRecordsCommand) {
        const iterator = command.input.ShardIterator;
        if (state.failed) state.readsAfterFailure += 1;
        if (iterator === 'from-start') return { Records: [record('100')], NextShardIterator: 'n' };
        if (!state.failed) {
          state.failed = true;
          throw Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
        }
        return { Records: [], NextShardIterator: iterator };
      }
      throw new Error('unexpected command');
    },
  } as unknown as DynamoDBStreamsClient;
  const dynamodb = {
    send: async () => ({
      Table: { StreamSpecification: { StreamEnabled: true }, LatestStreamArn: ARN },
    }),
  } as unknown as DynamoDBClient;
  return { streams, dynamodb, state };
}

describe('the local stream poller', () => {
  it('resumes after a read error where the shard was read to, delivering nothing twice', async () => {
    const { streams, dynamodb, state } = fakeStreams();
    const delivered: string[] = [];
    const handler = async (event: DynamoDBStreamEvent) => {
      delivered.push(...event.Records.map((r) => r.eventID ?? ''));
    };

    const stop = startStreamPoller({
      dynamodb,
      streams,
      tables: ['Trading'],
      handler,
      log: () => undefined,
      idleMs: 10,
    });
    await expect.poll(() => state.readsAfterFailure, { timeout: 10_000 }).toBeGreaterThan(1);
    await stop();

    expect(delivered).toEqual(['event-100']);
  });
});
