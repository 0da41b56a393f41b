import {
  DeleteMessageBatchCommand,
  DeleteMessageCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { commandQueues, queues } from '../../../infra/definitions/queues';
import { matchingShards } from '../../../shared/trading/shards';
import { localEnv } from '../../support/local-stack';

const sqs = new SQSClient({ useQueueUrlAsEndpoint: false });

/** One receive of up to ten messages, keeping those `ours` accepts (other tests share queues). */
async function receiveFrom(queueUrl: string, ours: (body: string) => boolean) {
  const { Messages = [] } = await sqs.send(
    new ReceiveMessageCommand({
      QueueUrl: queueUrl,
      MaxNumberOfMessages: 10,
      WaitTimeSeconds: 1,
      VisibilityTimeout: 30,
    }),
  );
  return Messages.filter((message) => ours(message.Body ?? ''));
}

const attributes = async (envVar: string): Promise<Record<string, string>> => {
  const { Attributes } = await sqs.send(
    new GetQueueAttributesCommand({ QueueUrl: localEnv()[envVar]!, AttributeNames: ['All'] }),
  );
  return Attributes ?? {};
};

describe('provisioned queues', () => {
  it.each(matchingShards.map((shard) => shard.id))(
    "makes shard %s's command queue FIFO with content-based deduplication off",
    async (shard) => {
      // Arrange
      const definition = commandQueues[shard];
      // Act
      const orders = await attributes(definition.envVar);
      // Assert
      expect(orders).toMatchObject({
        FifoQueue: 'true',
        ContentBasedDeduplication: 'false',
        VisibilityTimeout: String(definition.visibilityTimeoutSeconds),
        MessageRetentionPeriod: String(definition.retentionSeconds),
        ReceiveMessageWaitTimeSeconds: String(definition.receiveWaitSeconds),
        DeduplicationScope: 'messageGroup',
        FifoThroughputLimit: 'perMessageGroupId',
      });
    },
  );

  it('gives every shard a queue of its own, all redriving into one FIFO dead-letter queue', async () => {
    // Act
    const shardQueues = await Promise.all(
      matchingShards.map((shard) => attributes(commandQueues[shard.id].envVar)),
    );
    const deadLetter = await attributes(queues.ordersDeadLetter.envVar);
    // Assert
    expect(new Set(shardQueues.map((q) => q.QueueArn)).size).toBe(matchingShards.length);
    for (const orders of shardQueues) {
      const redrive = JSON.parse(orders.RedrivePolicy!) as Record<string, unknown>;
      expect(redrive['deadLetterTargetArn']).toBe(deadLetter.QueueArn);
      expect(Number(redrive['maxReceiveCount'])).toBe(5);
    }
    expect(deadLetter.FifoQueue).toBe('true');
    expect(deadLetter.ContentBasedDeduplication).toBe('false');
  });

  it('delivers a message sent twice with one deduplication id once, and deletes it', async () => {
    // Arrange: the dead-letter queue, because the stack's matching service consumes the orders queue
    const queueUrl = localEnv()[queues.ordersDeadLetter.envVar]!;
    const body = JSON.stringify({ probe: randomUUID() });
    const group = `local-stack-test-${randomUUID()}`;
    const dedupId = randomUUID();
    const sendSame = () =>
      sqs.send(
        new SendMessageCommand({
          QueueUrl: queueUrl,
          MessageBody: body,
          MessageGroupId: group,
          MessageDeduplicationId: dedupId,
        }),
      );
    const receiveOurs = () => receiveFrom(queueUrl, (received) => received === body);
    // Act
    const first = await sendSame();
    const second = await sendSame();
    const received = await receiveOurs();
    await sqs.send(
      new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: received[0]!.ReceiptHandle! }),
    );
    const afterDelete = await receiveOurs();
    // Assert
    expect(second.MessageId).toBe(first.MessageId);
    expect(received).toHaveLength(1);
    expect(afterDelete).toHaveLength(0);
  });

  it('returns up to ten messages of one group per receive, in order, as SQS does', async () => {
    // Arrange: the dead-letter queue, because the stack's matching service consumes the orders queue
    const queueUrl = localEnv()[queues.ordersDeadLetter.envVar]!;
    const group = `local-stack-test-${randomUUID()}`;
    const bodies = Array.from({ length: 12 }, (_, n) => `${group}-${n}`);
    for (const body of bodies) {
      await sqs.send(
        new SendMessageCommand({
          QueueUrl: queueUrl,
          MessageBody: body,
          MessageGroupId: group,
          MessageDeduplicationId: randomUUID(),
        }),
      );
    }
    const receive = () => receiveFrom(queueUrl, (received) => received.startsWith(group));
    // Act
    const first = await receive();
    const whileInFlight = await receive();
    await sqs.send(
      new DeleteMessageBatchCommand({
        QueueUrl: queueUrl,
        Entries: first.map((m, index) => ({ Id: String(index), ReceiptHandle: m.ReceiptHandle! })),
      }),
    );
    const rest = await receive();
    // Assert
    expect(first.map((m) => m.Body)).toEqual(bodies.slice(0, 10));
    expect(whileInFlight).toHaveLength(0);
    expect(rest.map((m) => m.Body)).toEqual(bodies.slice(10));
  });
});
