import type { BookSide } from './book-side';
import type { BookConfig } from './book-state';
import { BookState } from './book-state';
import type { BookCommand, CancelCommand, Side } from './commands';
import type { BookEvent } from './events';
import type { BookInspection } from './inspect';
import { inspectState } from './inspect';
import { place } from './place';
import type { BookSnapshot } from './snapshot';
import { hashSnapshot, loadSnapshot, snapshotConfig, takeSnapshot } from './snapshot';
import { validateCancel } from './validate';

/** Aggregated depth: `[price, total lots]` per level, best first. */
export interface Depth {
  readonly bids: [number, number][];
  readonly asks: [number, number][];
}

/** A resting order as seen from outside. */
export interface OrderView {
  readonly orderId: string;
  readonly accountId: string;
  readonly side: Side;
  readonly price: number;
  readonly quantity: number;
  readonly remaining: number;
  readonly at: number;
}

/** Defaults for `new OrderBook()`: no STP, 100k remembered finished ids. */
export const DEFAULT_BOOK_CONFIG: BookConfig = {
  symbol: '',
  defaultStp: 'NONE',
  seenIdCapacity: 100_000,
};

/**
 * The order book of one symbol: a pure, deterministic state machine. `apply` is the only way
 * to change it; the same command stream always yields byte-identical events and the same
 * `stateHash`, so a snapshot plus the journal after it rebuilds the book exactly.
 *
 * Prices are integer ticks, quantities integer lots and quote amounts tick×lot units, all
 * safe-integer numbers. Business problems (bad input, unknown order, duplicate id) are
 * `rejected` events; exceptions mean a broken invariant.
 */
export class OrderBook {
  private readonly state: BookState;

  constructor(config: Partial<BookConfig> = {}) {
    const full = { ...DEFAULT_BOOK_CONFIG, ...config };
    if (!Number.isSafeInteger(full.seenIdCapacity) || full.seenIdCapacity < 0) {
      throw new Error('seenIdCapacity must be a non-negative safe integer');
    }
    this.state = new BookState(full);
  }

  /** Rebuilds a book from `snapshot()` output (possibly after a JSON round trip). */
  static restore(snapshot: BookSnapshot): OrderBook {
    const book = new OrderBook(snapshotConfig(snapshot));
    loadSnapshot(book.state, snapshot);
    return book;
  }

  /** The book's configuration. */
  get config(): BookConfig {
    return this.state.config;
  }

  /**
   * Applies one command and returns the events it caused, in `seq` order. A fresh array per
   * call measured faster than refilling a reused one (truncating an array is a runtime call).
   */
  apply(command: BookCommand): BookEvent[] {
    const out: BookEvent[] = [];
    if (typeof command !== 'object' || command === null) {
      this.state.reject('unknown', undefined, undefined, undefined, 'INVALID_COMMAND', out);
      return out;
    }
    switch (command.kind) {
      case 'place':
        place(this.state, command, out);
        return out;
      case 'cancel':
        this.cancel(command, out);
        return out;
      default: {
        const unknown: { readonly orderId?: unknown; readonly accountId?: unknown; at?: unknown } =
          command satisfies never;
        this.state.reject(
          'unknown',
          unknown.orderId,
          unknown.accountId,
          unknown.at,
          'INVALID_COMMAND',
          out,
        );
        return out;
      }
    }
  }

  /** Highest resting buy price, or undefined. */
  bestBid(): number | undefined {
    return this.state.bestPrice(this.state.bids);
  }

  /** Lowest resting sell price, or undefined. */
  bestAsk(): number | undefined {
    return this.state.bestPrice(this.state.asks);
  }

  /** Up to `limit` levels per side, best first. */
  depth(limit = Number.MAX_SAFE_INTEGER): Depth {
    return { bids: this.levels(this.state.bids, limit), asks: this.levels(this.state.asks, limit) };
  }

  /** A live (resting) order, or undefined when unknown or finished. */
  order(orderId: string): OrderView | undefined {
    const index = this.state.index;
    const slot = index.liveSlot(orderId, index.hash(orderId));
    if (slot < 0) return undefined;
    const o = this.state.orders;
    return {
      orderId,
      accountId: o.accountId[slot]!,
      side: o.buy[slot] === 1 ? 'BUY' : 'SELL',
      price: o.price[slot]!,
      quantity: o.quantity[slot]!,
      remaining: o.remaining[slot]!,
      at: o.at[slot]!,
    };
  }

  /** `seq` the next event will carry (events are numbered 1, 2, … per book). */
  get nextSeq(): number {
    return this.state.seq;
  }

  /** Number of resting orders. */
  get openOrders(): number {
    return this.state.orders.size;
  }

  /** The full state as plain JSON data. */
  snapshot(): BookSnapshot {
    return takeSnapshot(this.state);
  }

  /** Deterministic 16-hex-digit hash of the full state (see `hashSnapshot`). */
  stateHash(): string {
    return hashSnapshot(takeSnapshot(this.state));
  }

  /** The raw linked structure, for invariant checks in tests. */
  inspect(): BookInspection {
    return inspectState(this.state);
  }

  private cancel(command: CancelCommand, out: BookEvent[]): void {
    const state = this.state;
    const reason = validateCancel(command);
    if (reason !== undefined) {
      state.reject('cancel', command.orderId, command.accountId, command.at, reason, out);
      return;
    }
    const { orderId, accountId, at } = command;
    const slot = state.index.liveSlot(orderId, state.index.hash(orderId));
    if (slot < 0 || state.orders.accountId[slot] !== accountId) {
      state.reject('cancel', orderId, accountId, at, 'UNKNOWN_ORDER', out);
      return;
    }
    const remaining = state.orders.remaining[slot]!;
    state.remove(slot);
    out.push({ type: 'cancelled', seq: state.seq++, at, orderId, accountId, remaining });
  }

  private levels(side: BookSide, limit: number): [number, number][] {
    const { levels } = this.state;
    const result: [number, number][] = [];
    const n = Math.min(limit, side.count);
    for (let depth = 0; depth < n; depth++) {
      const level = side.at(depth);
      result.push([levels.price[level]!, levels.total[level]!]);
    }
    return result;
  }
}
