import { setTimeout as sleep } from 'node:timers/promises';
import { orderCommandSchema, type OrderCommand } from '../../shared/contracts/commands';
import type { Logger } from '../../shared/logging/logger';
import type { CommandSource, QueueMessage } from './ports';

/** A received message and its command; null when the body is not a valid command. */
export interface DecodedMessage {
  readonly message: QueueMessage;
  readonly command: OrderCommand | null;
}

/**
 * What the consumer does with a batch: apply and journal it, and answer the messages that
 * are safely journaled (only those are deleted; the rest are redelivered).
 */
export interface CommandProcessor {
  processBatch(batch: readonly DecodedMessage[]): Promise<readonly QueueMessage[]>;
}

export interface ConsumerStats {
  readonly commandsProcessed: number;
  readonly poisonMessages: number;
  readonly lastPollAt: Date | undefined;
  /** Age of the oldest message of the last batch when it was received, in ms. */
  readonly queueLagMs: number;
}

/** Waits `ms`, or less when stopped; leaves no listener on `signal` behind either way. */
const pause = (ms: number, signal: AbortSignal): Promise<void> =>
  sleep(ms, undefined, { signal }).catch(() => undefined);

/**
 * The FIFO long-poll loop. A batch goes to the processor whole (it keeps each group's order);
 * the messages it reports journaled are deleted, the others stay for redelivery, and a failure
 * deletes nothing. A message that does not decode is handed over as `null`, so it is
 * journaled as rejected and deleted and never blocks its group. Aborting `signal` drains: the
 * batch in hand finishes, then `run` resolves.
 */
export class Consumer {
  private processed = 0;
  private poison = 0;
  private lastPoll: Date | undefined;
  private lastLag = 0;
  private worstLag = 0;

  constructor(
    private readonly source: CommandSource,
    private readonly processor: CommandProcessor,
    private readonly logger: Logger,
    private readonly visibilitySeconds: number,
    private readonly now: () => Date = () => new Date(),
  ) {}

  stats(): ConsumerStats {
    return {
      commandsProcessed: this.processed,
      poisonMessages: this.poison,
      lastPollAt: this.lastPoll,
      queueLagMs: this.lastLag,
    };
  }

  /**
   * The longest a received message had waited in the queue since the last call, in ms (the
   * `QueueLag` metric; 0 when nothing was received).
   */
  takeWorstQueueLag(): number {
    const worst = this.worstLag;
    this.worstLag = 0;
    return worst;
  }

  async run(signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      let batch: readonly QueueMessage[];
      try {
        batch = await this.source.receive(signal);
        this.lastPoll = this.now();
      } catch (error) {
        this.logger.error('receive failed', { error });
        await pause(1_000, signal);
        continue;
      }
      if (batch.length === 0) continue;
      this.noteLag(batch);
      await this.handleBatch(batch);
    }
  }

  private async handleBatch(batch: readonly QueueMessage[]): Promise<void> {
    const keepHidden = setInterval(
      () => {
        this.source.extendVisibility(batch, this.visibilitySeconds).catch((error: unknown) => {
          this.logger.warn('visibility extension failed', { error });
        });
      },
      (this.visibilitySeconds * 1000) / 2,
    );
    try {
      const decoded = batch.map((message) => ({ message, command: this.decode(message) }));
      const done = await this.processor.processBatch(decoded);
      await this.source.ackAll(done);
      const acked = new Set(done);
      for (const item of decoded) {
        if (!acked.has(item.message)) continue;
        if (item.command === null) this.poison += 1;
        else this.processed += 1;
      }
    } catch (error) {
      this.logger.error('processing failed; the batch will be redelivered', {
        error,
        messages: batch.length,
      });
    } finally {
      clearInterval(keepHidden);
    }
  }

  private noteLag(batch: readonly QueueMessage[]): void {
    const now = this.now().getTime();
    let lag = 0;
    for (const message of batch) {
      if (message.sentAt !== undefined) lag = Math.max(lag, now - message.sentAt);
    }
    this.lastLag = lag;
    this.worstLag = Math.max(this.worstLag, lag);
  }

  private decode(message: QueueMessage): OrderCommand | null {
    let json: unknown;
    try {
      json = JSON.parse(message.body);
    } catch {
      json = undefined;
    }
    const result = orderCommandSchema.safeParse(json);
    if (result.success) return result.data;
    this.logger.warn('poison message: journaled as rejected', {
      messageId: message.id,
      groupId: message.groupId,
      issues: result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`),
    });
    return null;
  }
}
