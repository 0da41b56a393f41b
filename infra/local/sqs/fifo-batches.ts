/** What this file relies on of fauxqs 1.9.2's `SqsQueue` (dist/sqs/sqsStore.js). */
interface FauxMessage {
  readonly sequenceNumber?: string;
  approximateReceiveCount: number;
  approximateFirstReceiveTimestamp?: number;
  readonly messageId: string;
  readonly md5OfBody: string;
  readonly body: string;
  readonly md5OfMessageAttributes?: string;
  readonly messageAttributes: Record<string, unknown>;
}

interface FauxQueue {
  readonly attributes: Record<string, string>;
  readonly fifoMessages: Map<string, FauxMessage[]>;
  readonly fifoLockedGroups: Map<string, number>;
  readonly inflightMessages: Map<
    string,
    { message: FauxMessage; receiptHandle: string; visibilityDeadline: number }
  >;
  processTimers(): void;
  changeVisibility(receiptHandle: string, timeoutSeconds: number): void;
  dequeueFifo(
    maxCount: number,
    visibilityTimeoutOverride: number | undefined,
    dlqResolver: ((arn: string) => { enqueue(message: FauxMessage): void } | undefined) | undefined,
  ): Record<string, unknown>[];
}

const bySequence = (a: FauxMessage, b: FauxMessage): number =>
  (a.sequenceNumber ?? '').localeCompare(b.sequenceNumber ?? '');

/** Puts every group back in send order (fauxqs returns expired messages to the front one by one). */
function restoreOrder(queue: FauxQueue): void {
  for (const group of queue.fifoMessages.values()) {
    for (let i = 1; i < group.length; i += 1) {
      if (bySequence(group[i - 1]!, group[i]!) > 0) {
        group.sort(bySequence);
        break;
      }
    }
  }
}

const deadLetterOf = (queue: FauxQueue): { maxReceiveCount: number; arn?: string } => {
  try {
    const policy = JSON.parse(queue.attributes['RedrivePolicy'] ?? '{}') as {
      maxReceiveCount?: number;
      deadLetterTargetArn?: string;
    };
    return {
      maxReceiveCount: Number(policy.maxReceiveCount ?? Infinity),
      ...(policy.deadLetterTargetArn === undefined ? {} : { arn: policy.deadLetterTargetArn }),
    };
  } catch {
    return { maxReceiveCount: Infinity };
  }
};

/**
 * Makes fauxqs hand out FIFO messages as SQS does: up to `MaxNumberOfMessages` of one message
 * group per receive, in order (fauxqs 1.9.2 returns one message per group and locks the group
 * until it is deleted, so a consumer of one busy group gets one message per round trip), and
 * keeps a group in send order when messages become visible again. A group stays locked while
 * any of its messages is in flight, as in SQS. Applied once to the class's prototype.
 */
export function receiveFifoBatches(prototype: FauxQueue): void {
  const processTimers = prototype.processTimers;
  prototype.processTimers = function (this: FauxQueue) {
    processTimers.call(this);
    restoreOrder(this);
  };
  const changeVisibility = prototype.changeVisibility;
  prototype.changeVisibility = function (this: FauxQueue, handle: string, seconds: number) {
    changeVisibility.call(this, handle, seconds);
    if (seconds === 0) restoreOrder(this);
  };
  prototype.dequeueFifo = function (this: FauxQueue, maxCount, visibilityOverride, dlqResolver) {
    this.processTimers();
    const visibility = visibilityOverride ?? Number.parseInt(this.attributes['VisibilityTimeout']!);
    const redrive = deadLetterOf(this);
    const count = Math.min(maxCount, 10);
    const result: Record<string, unknown>[] = [];
    for (const [groupId, messages] of this.fifoMessages) {
      if (result.length >= count) break;
      if (this.fifoLockedGroups.has(groupId) || messages.length === 0) continue;
      while (result.length < count && messages.length > 0) {
        const message = messages.shift()!;
        message.approximateReceiveCount += 1;
        message.approximateFirstReceiveTimestamp ??= Date.now();
        const deadLetter = redrive.arn === undefined ? undefined : dlqResolver?.(redrive.arn);
        if (deadLetter && message.approximateReceiveCount > redrive.maxReceiveCount) {
          deadLetter.enqueue(message);
          continue;
        }
        const receiptHandle = crypto.randomUUID();
        this.inflightMessages.set(receiptHandle, {
          message,
          receiptHandle,
          visibilityDeadline: Date.now() + visibility * 1000,
        });
        result.push({
          MessageId: message.messageId,
          ReceiptHandle: receiptHandle,
          MD5OfBody: message.md5OfBody,
          Body: message.body,
          ...(message.md5OfMessageAttributes === undefined
            ? {}
            : { MD5OfMessageAttributes: message.md5OfMessageAttributes }),
          ...(Object.keys(message.messageAttributes).length > 0
            ? { MessageAttributes: message.messageAttributes }
            : {}),
        });
        this.fifoLockedGroups.set(groupId, (this.fifoLockedGroups.get(groupId) ?? 0) + 1);
      }
      if (messages.length === 0) this.fifoMessages.delete(groupId);
    }
    return result;
  };
}

/** Patches the `SqsQueue` of the fauxqs module that `buildApp` uses (the same module instance). */
export async function patchFauxqs(): Promise<void> {
  const store = new URL('./sqs/sqsStore.js', import.meta.resolve('fauxqs'));
  const module = (await import(store.href)) as { SqsQueue: { prototype: FauxQueue } };
  receiveFifoBatches(module.SqsQueue.prototype);
}
