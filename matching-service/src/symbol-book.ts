import type { OrderCommand } from '../../shared/contracts/commands';
import { OrderBook, type BookSnapshot, type StpMode } from './engine';
import type { JournalEntry, JournalRecord } from './journal/record';
import { RecentIds } from './journal/recent-ids';
import { refusalOf, toBookCommand } from './translate';

/** A received message: its decoded command, or null when it did not decode. */
export interface IncomingCommand {
  readonly messageId: string;
  readonly command: OrderCommand | null;
}

/** Everything needed to rebuild a symbol without its journal up to `recordSeq`. */
export interface SymbolSnapshot {
  readonly symbol: string;
  readonly recordSeq: number;
  readonly book: BookSnapshot;
  readonly recentCommandIds: readonly string[];
}

export interface SymbolBookConfig {
  readonly defaultStp: StpMode;
  readonly seenIdCapacity: number;
  /** How many command ids are remembered to skip redelivered messages. */
  readonly recentCommandCapacity: number;
}

/**
 * How much the service's books remember: finished order ids (duplicate rejection) and command
 * ids (redelivery). Part of each book's state hash, so a checker replaying a journal needs them.
 */
export const SERVICE_MEMORY = {
  seenIdCapacity: 100_000,
  recentCommandCapacity: 100_000,
} as const satisfies Omit<SymbolBookConfig, 'defaultStp'>;

/** Replaying the journal produced other events than it recorded: the engine is not deterministic. */
export class ReplayDivergedError extends Error {
  override readonly name = 'ReplayDivergedError';
}

/**
 * One symbol's book and its journal position. `apply` turns a batch into the next journal
 * record (the book moves at once; if the record then cannot be journaled, the caller must
 * rebuild this object from storage). `replay` re-applies a journaled record and checks that
 * the engine emits exactly what was recorded.
 */
export class SymbolBook {
  private constructor(
    readonly symbol: string,
    private readonly book: OrderBook,
    private seq: number,
    private readonly recent: RecentIds,
  ) {}

  static create(symbol: string, config: SymbolBookConfig): SymbolBook {
    const book = new OrderBook({
      symbol,
      defaultStp: config.defaultStp,
      seenIdCapacity: config.seenIdCapacity,
    });
    return new SymbolBook(symbol, book, 0, new RecentIds(config.recentCommandCapacity));
  }

  static restore(snapshot: SymbolSnapshot, config: SymbolBookConfig): SymbolBook {
    const recent = new RecentIds(config.recentCommandCapacity);
    for (const id of snapshot.recentCommandIds) recent.add(id);
    return new SymbolBook(
      snapshot.symbol,
      OrderBook.restore(snapshot.book),
      snapshot.recordSeq,
      recent,
    );
  }

  /** Seq of the last record applied. */
  get recordSeq(): number {
    return this.seq;
  }

  get orderBook(): OrderBook {
    return this.book;
  }

  /**
   * Applies a batch and returns the record to journal, or undefined when every message was a
   * redelivery of an already journaled command.
   */
  apply(batch: readonly IncomingCommand[], nowMs: number): JournalRecord | undefined {
    const firstEventSeq = this.book.nextSeq;
    const entries: JournalEntry[] = [];
    for (const { messageId, command } of batch) {
      if (command === null) {
        entries.push({ messageId, command: null, events: [], refused: 'UNDECODABLE' });
        continue;
      }
      if (this.recent.has(command.command_id)) continue;
      this.recent.add(command.command_id);
      const refused = refusalOf(command, nowMs);
      entries.push(
        refused === undefined
          ? { messageId, command, events: this.book.apply(toBookCommand(command)) }
          : { messageId, command, events: [], refused },
      );
    }
    if (entries.length === 0) return undefined;
    this.seq += 1;
    return {
      symbol: this.symbol,
      seq: this.seq,
      firstEventSeq,
      lastEventSeq: this.book.nextSeq - 1,
      entries,
      writtenAt: nowMs,
    };
  }

  /** Re-applies a journaled record; throws {@link ReplayDivergedError} on any difference. */
  replay(record: JournalRecord): void {
    if (record.seq !== this.seq + 1) {
      throw new ReplayDivergedError(
        `${this.symbol}: record ${record.seq} does not follow ${this.seq}`,
      );
    }
    for (const entry of record.entries) {
      if (entry.command !== null) this.recent.add(entry.command.command_id);
      if (entry.command === null || entry.refused !== undefined) continue;
      const events = this.book.apply(toBookCommand(entry.command));
      if (JSON.stringify(events) !== JSON.stringify(entry.events)) {
        throw new ReplayDivergedError(
          `${this.symbol}: record ${record.seq}, message ${entry.messageId} replays differently`,
        );
      }
    }
    this.seq = record.seq;
  }

  snapshot(): SymbolSnapshot {
    return {
      symbol: this.symbol,
      recordSeq: this.seq,
      book: this.book.snapshot(),
      recentCommandIds: this.recent.list(),
    };
  }
}
