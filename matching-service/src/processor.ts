import { setTimeout as sleep } from 'node:timers/promises';
import { DEPTH_LEVELS } from '../../shared/market-data/items';
import type { Logger } from '../../shared/logging/logger';
import type { CommandProcessor, DecodedMessage } from './consumer';
import type { Depth } from './engine';
import type { JournalRecord } from './journal/record';
import { FencedError, type Journal, type MarketDataSink, type QueueMessage } from './ports';
import type { SettlementQueue } from './settlement/settler';
import { SymbolBook, type SymbolBookConfig, type SymbolSnapshot } from './symbol-book';

export interface ProcessorConfig extends SymbolBookConfig {
  /** A snapshot is saved after this many records of a symbol. */
  readonly snapshotEveryRecords: number;
  /** The symbols this task owns (its shard); commands for any other are never applied. */
  readonly symbols: readonly string[];
}

export interface ProcessorDeps {
  readonly journal: Journal;
  readonly marketData: MarketDataSink;
  readonly settlement: SettlementQueue;
  readonly logger: Logger;
  readonly config: ProcessorConfig;
  readonly now?: () => number;
}

const depthOf = (book: SymbolBook): Depth => book.orderBook.depth(DEPTH_LEVELS);

/**
 * Match → journal → acknowledge → publish → settle, per symbol of a batch (DESIGN §4). The
 * book of a symbol lives here; it is rebuilt from the latest snapshot and the journal when the
 * service starts, whenever a record could not be journaled (a second engine fenced this
 * one out, or the write failed) and whenever the engine throws on a batch, so memory never runs
 * ahead of the journal for long.
 */
export class MatchingProcessor implements CommandProcessor {
  private readonly books = new Map<string, SymbolBook>();
  private readonly snapshotted = new Map<string, number>();
  private readonly publishing = new Map<string, Promise<void>>();
  private readonly now: () => number;
  private fenced = 0;
  private foreign = 0;
  private applyFailures = 0;
  private readonly owned: ReadonlySet<string>;
  /** Where the loop's time goes, cumulative since start (health endpoint). */
  private readonly timing = { records: 0, commands: 0, applyMs: 0, journalMs: 0, publishMs: 0 };

  constructor(private readonly deps: ProcessorDeps) {
    this.now = deps.now ?? Date.now;
    this.owned = new Set(deps.config.symbols);
  }

  /** Rebuilds the books of `symbols` and queues what was journaled but not yet settled. */
  async recover(symbols: readonly string[]): Promise<void> {
    for (const symbol of symbols) await this.load(symbol);
  }

  /** The state hash of each loaded book (tests compare it across a crash). */
  stateHashes(): Record<string, string> {
    return Object.fromEntries([...this.books].map(([s, b]) => [s, b.orderBook.stateHash()]));
  }

  stats() {
    return {
      symbols: Object.fromEntries(
        [...this.books].map(([symbol, book]) => [
          symbol,
          { record_seq: book.recordSeq, open_orders: book.orderBook.openOrders },
        ]),
      ),
      fenced: this.fenced,
      foreign_messages: this.foreign,
      apply_failures: this.applyFailures,
      timing: { ...this.timing },
    };
  }

  async processBatch(batch: readonly DecodedMessage[]): Promise<readonly QueueMessage[]> {
    const bySymbol = new Map<string, DecodedMessage[]>();
    for (const item of batch) {
      const symbol = item.command?.symbol ?? item.message.groupId;
      const group = bySymbol.get(symbol) ?? [];
      group.push(item);
      bySymbol.set(symbol, group);
    }
    const done: QueueMessage[] = [];
    for (const [symbol, items] of bySymbol) {
      if (!this.owned.has(symbol)) {
        this.refuseForeign(symbol, items.length);
        continue;
      }
      if (await this.processSymbol(symbol, items)) done.push(...items.map((i) => i.message));
    }
    return done;
  }

  /**
   * Commands for a symbol another shard owns (or no market at all) are neither applied nor
   * journaled — this task must never write another shard's journal — and not acknowledged, so
   * SQS dead-letters them after a few receives and the dead-letter alarm fires.
   */
  private refuseForeign(symbol: string, messages: number): void {
    this.foreign += messages;
    this.deps.logger.error('commands for a symbol this task does not own; left for the DLQ', {
      symbol,
      messages,
    });
  }

  /**
   * The engine threw (a broken invariant) part-way through a batch: the book may be half-moved
   * and already counts the batch's commands as seen, so it is dropped — the next batch rebuilds
   * it from storage, which never held this batch — and the messages are not acknowledged, so
   * SQS redelivers them and, if the engine keeps throwing, dead-letters them (the alarm fires).
   */
  private refuseBroken(symbol: string, messages: number, error: unknown): void {
    this.books.delete(symbol);
    this.applyFailures += 1;
    this.deps.logger.error('the engine threw on a batch; rebuilding the book', {
      symbol,
      messages,
      error,
    });
  }

  /** True when the messages are journaled (or were already) and may be deleted. */
  private async processSymbol(symbol: string, items: readonly DecodedMessage[]): Promise<boolean> {
    const { journal, logger } = this.deps;
    const book = this.books.get(symbol) ?? (await this.load(symbol));
    const before = depthOf(book);
    const applying = performance.now();
    let record: JournalRecord | undefined;
    try {
      record = book.apply(
        items.map((i) => ({ messageId: i.message.id, command: i.command })),
        this.now(),
      );
    } catch (error) {
      this.refuseBroken(symbol, items.length, error);
      return false;
    }
    this.timing.applyMs += performance.now() - applying;
    if (record === undefined) return true;
    const started = this.now();
    try {
      await journal.append(record);
    } catch (error) {
      this.books.delete(symbol);
      if (error instanceof FencedError) {
        this.fenced += 1;
        logger.warn('fenced out by another engine; rebuilding the book', { symbol, error });
      } else {
        logger.error('journal append failed; rebuilding the book', { symbol, error });
      }
      return false;
    }
    this.timing.records += 1;
    this.timing.commands += record.entries.length;
    this.timing.journalMs += this.now() - started;
    this.deps.settlement.enqueue(record);
    this.afterJournal(record, before, depthOf(book), this.snapshotDue(book));
    return true;
  }

  /** Resolves when every record journaled so far is published (and snapshots saved). */
  async idle(): Promise<void> {
    await Promise.all(this.publishing.values());
  }

  /**
   * Publishing runs behind the loop, in journal order per symbol, and a snapshot (taken now,
   * saved in that order) is saved only after every record it covers is published — recovery
   * relies on it: records after the snapshot are the only ones that may be unpublished.
   */
  private afterJournal(
    record: JournalRecord,
    before: Depth,
    after: Depth,
    snapshot: SymbolSnapshot | undefined,
  ): void {
    const previous = this.publishing.get(record.symbol) ?? Promise.resolve();
    const next = previous.then(async () => {
      const started = this.now();
      await this.publish(record, before, after);
      this.timing.publishMs += this.now() - started;
      if (snapshot !== undefined) await this.saveSnapshot(snapshot);
    });
    this.publishing.set(record.symbol, next);
  }

  /**
   * Retries until the record is published, as settlement does: the next record would move the
   * published sequence past it, and recovery republishes only what comes after that, so a
   * record given up on would be missing from trades, candles and diffs for good.
   */
  private async publish(record: JournalRecord, before: Depth, after: Depth): Promise<void> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        await this.deps.marketData.publish(record, before, after);
        return;
      } catch (error) {
        const detail = { symbol: record.symbol, seq: record.seq, attempt, error };
        if (attempt < 3) this.deps.logger.warn('market data publish failed; retrying', detail);
        else this.deps.logger.error('market data publish failed; retrying', detail);
        await sleep(Math.min(5_000, 100 * attempt));
      }
    }
  }

  /** The book's snapshot when one is due (taken now, while the book is at this record). */
  private snapshotDue(book: SymbolBook): SymbolSnapshot | undefined {
    const last = this.snapshotted.get(book.symbol) ?? 0;
    if (book.recordSeq - last < this.deps.config.snapshotEveryRecords) return undefined;
    this.snapshotted.set(book.symbol, book.recordSeq);
    return book.snapshot();
  }

  private async saveSnapshot(snapshot: SymbolSnapshot): Promise<void> {
    try {
      await this.deps.journal.saveSnapshot(snapshot);
    } catch (error) {
      this.deps.logger.warn('snapshot failed', { symbol: snapshot.symbol, error });
    }
  }

  /**
   * Latest snapshot + the journal after it → the book as it was; records not yet published
   * are published, records after the settled cursor are queued for settlement (settlement is
   * idempotent, so the cursor may lag).
   */
  private async load(symbol: string): Promise<SymbolBook> {
    const { journal, marketData, settlement, config, logger } = this.deps;
    await this.publishing.get(symbol);
    const snapshot = await journal.latestSnapshot(symbol);
    const book =
      snapshot === undefined
        ? SymbolBook.create(symbol, config)
        : SymbolBook.restore(snapshot, config);
    const settled = await journal.settledThrough(symbol);
    const published = await marketData.publishedThrough(symbol);
    let replayed = 0;
    for await (const record of journal.readAfter(symbol, Math.min(settled, book.recordSeq))) {
      if (record.seq > book.recordSeq) {
        const before = depthOf(book);
        book.replay(record);
        replayed += 1;
        if (record.lastEventSeq > published) await this.publish(record, before, depthOf(book));
      }
      if (record.seq > settled) settlement.enqueue(record);
    }
    this.books.set(symbol, book);
    this.snapshotted.set(symbol, snapshot?.recordSeq ?? 0);
    logger.info('book recovered', {
      symbol,
      snapshot: snapshot?.recordSeq ?? null,
      replayed,
      recordSeq: book.recordSeq,
      settledThrough: settled,
      openOrders: book.orderBook.openOrders,
      stateHash: book.orderBook.stateHash(),
    });
    return book;
  }
}
