import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { CommandQueue } from './ports';

/**
 * The orders FIFO queues: each command goes to the queue of the shard that owns its symbol
 * (`queueUrlOf`, see `shared/trading/shards.ts`), message group = symbol (commands of a market
 * stay in order), deduplication id = command id (a resend within SQS's five-minute window is
 * dropped; the engine also refuses a second order with the same id).
 */
export function sqsCommandQueue(
  sqs: SQSClient,
  queueUrlOf: (symbol: string) => string,
): CommandQueue {
  return {
    async send(command) {
      await sqs.send(
        new SendMessageCommand({
          QueueUrl: queueUrlOf(command.symbol),
          MessageBody: JSON.stringify(command),
          MessageGroupId: command.symbol,
          MessageDeduplicationId: command.command_id,
        }),
      );
    },
  };
}
