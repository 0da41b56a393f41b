import {
  CreateQueueCommand,
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  QueueDoesNotExist,
  SetQueueAttributesCommand,
  type QueueAttributeName,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import { queueList, type QueueDefinition } from '../../definitions/queues';

type Attributes = Partial<Record<QueueAttributeName, string>>;

const attributesOf = (queue: QueueDefinition, deadLetterArn?: string): Attributes => ({
  FifoQueue: String(queue.fifo),
  ContentBasedDeduplication: String(queue.contentBasedDeduplication),
  VisibilityTimeout: String(queue.visibilityTimeoutSeconds),
  MessageRetentionPeriod: String(queue.retentionSeconds),
  ReceiveMessageWaitTimeSeconds: String(queue.receiveWaitSeconds),
  ...(queue.highThroughput
    ? { DeduplicationScope: 'messageGroup', FifoThroughputLimit: 'perMessageGroupId' }
    : {}),
  ...(queue.deadLetter === undefined || deadLetterArn === undefined
    ? {}
    : {
        RedrivePolicy: JSON.stringify({
          deadLetterTargetArn: deadLetterArn,
          maxReceiveCount: queue.deadLetter.maxReceiveCount,
        }),
      }),
});

const queueArn = async (client: SQSClient, url: string): Promise<string> => {
  const { Attributes } = await client.send(
    new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['QueueArn'] }),
  );
  const arn = Attributes?.QueueArn;
  if (arn === undefined) throw new Error(`SQS returned no QueueArn for ${url}`);
  return arn;
};

const existingUrl = async (client: SQSClient, name: string): Promise<string | undefined> => {
  try {
    return (await client.send(new GetQueueUrlCommand({ QueueName: name }))).QueueUrl;
  } catch (error) {
    if (error instanceof QueueDoesNotExist) return undefined;
    throw error;
  }
};

/**
 * Creates a queue, or brings an existing one's attributes in line with its definition
 * (CreateQueue refuses an existing name with different attributes).
 */
const ensureQueue = async (
  client: SQSClient,
  queue: QueueDefinition,
  attributes: Attributes,
): Promise<string> => {
  const url = await existingUrl(client, queue.localName);
  if (url !== undefined) {
    const { FifoQueue: _fixedAtCreation, ...settable } = attributes;
    await client.send(new SetQueueAttributesCommand({ QueueUrl: url, Attributes: settable }));
    return url;
  }
  const created = await client.send(
    new CreateQueueCommand({ QueueName: queue.localName, Attributes: attributes }),
  );
  if (created.QueueUrl === undefined) throw new Error(`SQS returned no URL for ${queue.localName}`);
  return created.QueueUrl;
};

/**
 * Provisions every queue of `infra/definitions/queues.ts` in order (a dead-letter queue before
 * the queue redriving into it), idempotently. Returns each queue's `envVar` → its URL.
 */
export const provisionQueues = async (
  client: SQSClient,
  queues: readonly QueueDefinition[] = queueList,
): Promise<Record<string, string>> => {
  const urls = new Map<QueueDefinition, string>();
  for (const queue of queues) {
    const deadLetterUrl = queue.deadLetter && urls.get(queue.deadLetter.queue);
    if (queue.deadLetter !== undefined && deadLetterUrl === undefined) {
      throw new Error(`dead-letter queue of ${queue.id} must be listed before it`);
    }
    const deadLetterArn =
      deadLetterUrl === undefined ? undefined : await queueArn(client, deadLetterUrl);
    urls.set(queue, await ensureQueue(client, queue, attributesOf(queue, deadLetterArn)));
  }
  return Object.fromEntries(queues.map((queue) => [queue.envVar, urls.get(queue)!]));
};
