import {
  CreateQueueCommand,
  DeleteQueueCommand,
  SendMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SqsCommandSource } from '../../../matching-service/src/adapters/sqs-command-source';

const sqs = new SQSClient({ useQueueUrlAsEndpoint: false });
let queueUrl: string;

beforeAll(async () => {
  const created = await sqs.send(
    new CreateQueueCommand({
      QueueName: `source-test-${randomUUID().slice(0, 8)}.fifo`,
      Attributes: { FifoQueue: 'true' },
    }),
  );
  queueUrl = created.QueueUrl!;
});
afterAll(async () => {
  await sqs.send(new DeleteQueueCommand({ QueueUrl: queueUrl }));
});

describe('SqsCommandSource', () => {
  it('reads group, order, receive count and send time of each message', async () => {
    const before = Date.now();
    for (const n of [1, 2]) {
      await sqs.send(
        new SendMessageCommand({
          QueueUrl: queueUrl,
          MessageBody: `body-${n}`,
          MessageGroupId: 'ETHUSDT',
          MessageDeduplicationId: randomUUID(),
        }),
      );
    }
    const after = Date.now();
    const source = new SqsCommandSource(sqs, queueUrl, 30);

    const batch = await source.receive(new AbortController().signal);
    await source.ackAll(batch);

    expect(batch.map((m) => m.body)).toEqual(['body-1', 'body-2']);
    expect(batch.every((m) => m.groupId === 'ETHUSDT' && m.receiveCount === 1)).toBe(true);
    expect(BigInt(batch[1]!.sequenceNumber)).toBeGreaterThan(BigInt(batch[0]!.sequenceNumber));
    for (const message of batch) {
      expect(message.sentAt).toBeGreaterThanOrEqual(before - 1_000);
      expect(message.sentAt).toBeLessThanOrEqual(after + 1_000);
    }
  });
});
