import type { Logger } from '../../../shared/logging/logger';
import type { JournalRecord } from '../journal/record';
import type { Journal } from '../ports';
import type { SettlementEvent } from './types';

/**
 * Applies journal records' results to the Trading table, idempotently. `records` are
 * consecutive records of one symbol, settled as one run (fewer, fuller transactions when
 * settlement has fallen behind).
 */
export interface Settler {
  settle(records: readonly JournalRecord[]): Promise<void>;
}

/** Most records settled as one run. */
const MAX_RUN = 25;

/** The events of a record settlement cares about, with refusals turned into events. */
export function settlementEventsOf(record: JournalRecord): SettlementEvent[] {
  const events: SettlementEvent[] = [];
  for (const entry of record.entries) {
    const command = entry.command;
    if (entry.refused === 'COMMAND_EXPIRED' && command?.type === 'place') {
      events.push({
        type: 'refused',
        seq: 0,
        at: command.issued_at,
        orderId: command.order.id,
        accountId: command.order.account_id,
        reason: entry.refused,
      });
    }
    for (const event of entry.events) if (event.type !== 'rested') events.push(event);
  }
  return events;
}

const pause = (ms: number) => new Promise((done) => setTimeout(done, ms));

/**
 * Settles journaled records in journal order per symbol — all that is waiting, up to
 * {@link MAX_RUN} records at a time — behind the matching loop: the engine never waits for settlement, settlement never skips a record. A
 * record that fails is retried with back-off until it succeeds (skipping it would lose money);
 * the settled cursor moves only past settled records, so a restart settles the rest.
 */
export class SettlementQueue {
  private readonly queues = new Map<string, JournalRecord[]>();
  private readonly running = new Map<string, Promise<void>>();
  private lagMs = 0;
  private settledRecords = 0;
  private settleMs = 0;

  constructor(
    private readonly settler: Settler,
    private readonly journal: Journal,
    private readonly logger: Logger,
    private readonly now: () => number = Date.now,
  ) {}

  enqueue(record: JournalRecord): void {
    const queue = this.queues.get(record.symbol) ?? [];
    queue.push(record);
    this.queues.set(record.symbol, queue);
    if (!this.running.has(record.symbol)) {
      const run: Promise<void> = this.drainSymbol(record.symbol).finally(() => {
        if (this.running.get(record.symbol) === run) this.running.delete(record.symbol);
      });
      this.running.set(record.symbol, run);
    }
  }

  /** Records waiting, all symbols. */
  get backlog(): number {
    let total = 0;
    for (const queue of this.queues.values()) total += queue.length;
    return total;
  }

  /**
   * `lagMs`: how long the oldest waiting record has been journaled, or, with nothing waiting,
   * how long the last settled one waited, so a record stuck in settlement shows as a growing lag.
   */
  stats() {
    let oldest: number | undefined;
    for (const queue of this.queues.values()) {
      const head = queue[0];
      if (head !== undefined) oldest = Math.min(oldest ?? head.writtenAt, head.writtenAt);
    }
    return {
      backlog: this.backlog,
      lagMs: oldest === undefined ? this.lagMs : this.now() - oldest,
      settledRecords: this.settledRecords,
      settleMs: this.settleMs,
    };
  }

  /** Resolves when every enqueued record is settled (or `deadline` passes). */
  async idle(deadlineMs = Number.POSITIVE_INFINITY): Promise<boolean> {
    while (this.running.size > 0) {
      if (this.now() > deadlineMs) return false;
      await Promise.race([Promise.all(this.running.values()), pause(100)]);
    }
    return true;
  }

  private async drainSymbol(symbol: string): Promise<void> {
    const queue = this.queues.get(symbol)!;
    while (queue.length > 0) {
      const run = queue.slice(0, MAX_RUN);
      const last = run[run.length - 1]!;
      const started = this.now();
      for (let attempt = 1; ; attempt += 1) {
        try {
          await this.settler.settle(run);
          break;
        } catch (error) {
          this.logger.error('settlement failed; retrying', {
            symbol,
            seq: run[0]!.seq,
            records: run.length,
            attempt,
            error,
          });
          await pause(Math.min(5_000, 100 * attempt));
        }
      }
      queue.splice(0, run.length);
      this.settledRecords += run.length;
      this.settleMs += this.now() - started;
      this.lagMs = this.now() - run[0]!.writtenAt;
      await this.journal.markSettled(symbol, last.seq).catch((error: unknown) => {
        this.logger.warn('settled cursor not saved', { symbol, seq: last.seq, error });
      });
    }
    // In the same turn as the empty check: a record enqueued after it starts a new drain.
    this.running.delete(symbol);
  }
}
