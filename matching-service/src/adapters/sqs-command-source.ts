import {
  ChangeMessageVisibilityBatchCommand,
  DeleteMessageBatchCommand,
  DeleteMessageCommand,
  ReceiveMessageCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import type { CommandSource, QueueMessage } from '../ports';

/** The orders FIFO queue through SQS: batch long-poll, delete, visibility extension. */
export class SqsCommandSource implements CommandSource {
  constructor(
    private readonly sqs: SQSClient,
    private readonly queueUrl: string,
    private readonly visibilitySeconds: number,
  ) {}

  async receive(signal: AbortSignal): Promise<readonly QueueMessage[]> {
    if (signal.aborted) return [];
    try {
      const { Messages = [] } = await this.sqs.send(
        new ReceiveMessageCommand({
          QueueUrl: this.queueUrl,
          MaxNumberOfMessages: 10,
          WaitTimeSeconds: 20,
          VisibilityTimeout: this.visibilitySeconds,
          MessageSystemAttributeNames: [
            'MessageGroupId',
            'SequenceNumber',
            'ApproximateReceiveCount',
            'SentTimestamp',
          ],
        }),
        { abortSignal: signal },
      );
      return Messages.map((m) => ({
        id: m.MessageId ?? '',
        body: m.Body ?? '',
        receiptHandle: m.ReceiptHandle ?? '',
        groupId: m.Attributes?.MessageGroupId ?? '',
        sequenceNumber: m.Attributes?.SequenceNumber ?? '',
        receiveCount: Number(m.Attributes?.ApproximateReceiveCount ?? '1'),
        ...(m.Attributes?.SentTimestamp === undefined
          ? {}
          : { sentAt: Number(m.Attributes.SentTimestamp) }),
      }));
    } catch (error) {
      if (signal.aborted) return [];
      throw error;
    }
  }

  async ack(message: QueueMessage): Promise<void> {
    await this.sqs.send(
      new DeleteMessageCommand({ QueueUrl: this.queueUrl, ReceiptHandle: message.receiptHandle }),
    );
  }

  async ackAll(messages: readonly QueueMessage[]): Promise<void> {
    for (let i = 0; i < messages.length; i += 10) {
      const slice = messages.slice(i, i + 10);
      const { Failed = [] } = await this.sqs.send(
        new DeleteMessageBatchCommand({
          QueueUrl: this.queueUrl,
          Entries: slice.map((m, index) => ({ Id: String(index), ReceiptHandle: m.receiptHandle })),
        }),
      );
      if (Failed.length > 0) {
        throw new Error(
          `could not delete ${Failed.length} journaled message(s); they will be skipped on redelivery`,
        );
      }
    }
  }

  async extendVisibility(messages: readonly QueueMessage[], seconds: number): Promise<void> {
    if (messages.length === 0) return;
    await this.sqs.send(
      new ChangeMessageVisibilityBatchCommand({
        QueueUrl: this.queueUrl,
        Entries: messages.map((m, index) => ({
          Id: String(index),
          ReceiptHandle: m.receiptHandle,
          VisibilityTimeout: seconds,
        })),
      }),
    );
  }
}
