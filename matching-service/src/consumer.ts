import { orderCommandSchema, type OrderCommand } from '../../shared/contracts/commands';
import type { Logger } from '../../shared/logging/logger';
import type { CommandSource, QueueMessage } from './ports';

/** What the consumer does with each decoded command; the engine and journal plug in here. */
export interface CommandProcessor {
  process(command: OrderCommand, message: QueueMessage): Promise<void>;
}

export interface ConsumerStats {
  readonly commandsProcessed: number;
  readonly poisonMessages: number;
  readonly lastPollAt: Date | undefined;
}

const pause = (ms: number, signal: AbortSignal) =>
  new Promise<void>((done) => {
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      done();
    });
  });

/**
 * The FIFO long-poll loop. Messages of a batch are handled in order and each is deleted only
 * after it was processed; a failure stops the batch so later messages of the group are
 * redelivered after it, never before. A message that does not decode is logged and deleted so
 * it cannot block its group. Aborting `signal` drains: the batch in hand finishes, then `run`
 * resolves.
 */
export class Consumer {
  private processed = 0;
  private poison = 0;
  private lastPoll: Date | undefined;

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
    };
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
      await this.handleBatch(batch);
    }
  }

  private async handleBatch(batch: readonly QueueMessage[]): Promise<void> {
    const pending = [...batch];
    const keepHidden = setInterval(
      () => {
        this.source.extendVisibility(pending, this.visibilitySeconds).catch((error: unknown) => {
          this.logger.warn('visibility extension failed', { error });
        });
      },
      (this.visibilitySeconds * 1000) / 2,
    );
    try {
      while (pending.length > 0) {
        const message = pending[0]!;
        const decoded = this.decode(message);
        if (decoded !== undefined) await this.processor.process(decoded, message);
        await this.source.ack(message);
        pending.shift();
        if (decoded !== undefined) this.processed += 1;
      }
    } catch (error) {
      this.logger.error('processing failed; the rest of the batch will be redelivered', {
        error,
        pending: pending.length,
      });
    } finally {
      clearInterval(keepHidden);
    }
  }

  private decode(message: QueueMessage): OrderCommand | undefined {
    let json: unknown;
    try {
      json = JSON.parse(message.body);
    } catch {
      json = undefined;
    }
    const result = orderCommandSchema.safeParse(json);
    if (result.success) return result.data;
    this.poison += 1;
    this.logger.warn('poison message dropped', {
      messageId: message.id,
      groupId: message.groupId,
      issues: result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`),
    });
    return undefined;
  }
}
