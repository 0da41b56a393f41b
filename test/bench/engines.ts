import { OrderBook as PeerBook, Side as PeerSide } from 'nodejs-order-book';
import type { BookCommand, BookEvent } from '../../matching-service/src/engine';
import { OrderBook } from '../../matching-service/src/engine';
import { PRICE_SPAN } from './ladder-book';
import type { LadderBook } from './ladder-book';
import type { OpChunk } from './workload';
import { ACCOUNTS, CANCEL, MARKET } from './workload';

/** What every engine must agree on after the same stream (perf-anchors §2 "end-state check"). */
export interface EndState {
  readonly traded: number;
  readonly bidCount: number;
  readonly askCount: number;
  readonly bidVolume: number;
  readonly askVolume: number;
  readonly bestBid: number | null;
  readonly bestAsk: number | null;
}

/**
 * One engine behind the benchmark: `apply` runs ops [from, to) of a chunk, building the
 * engine's own input objects per op (ids are `'o' + id`), and draining its output.
 * `applyTimed` does the same with each op bracketed by `process.hrtime.bigint()`.
 */
export interface EngineAdapter {
  readonly name: string;
  readonly version: string;
  reset(): void;
  apply(chunk: OpChunk, from: number, to: number): void;
  applyTimed(chunk: OpChunk, from: number, to: number, latencies: Float64Array): void;
  endState(): EndState;
}

const ACCOUNT_IDS = Array.from({ length: ACCOUNTS }, (_, i) => `a${i}`);
const AT0 = 1_767_225_600_000;
const DIGITS = Array.from({ length: 10_000 }, (_, n) => String(n));
const LOW_DIGITS = DIGITS.map((d) => d.padStart(4, '0'));
const idPrefixes: string[] = [];

/**
 * A fresh `'o' + id` string, as if parsed from a message. Built from cached digit pieces:
 * a template literal goes through V8's number-to-string cache, which keeps the last ~16k digit
 * strings alive, so ~400 KB of them survived every young-generation collection in the timed
 * loop, a GC cost of the harness that input parsed from JSON does not have. The strings are
 * identical, so end states and state hashes are unchanged.
 */
export const orderIdOf = (id: number): string => {
  if (id < 10_000) return 'o' + DIGITS[id]!;
  const high = Math.floor(id / 10_000);
  const prefix = (idPrefixes[high] ??= `o${high}`);
  return prefix + LOW_DIGITS[id % 10_000]!;
};

/** The command our engine gets for op `i` (inlined by V8 into both loops). */
export const ourCommand = (chunk: OpChunk, i: number): BookCommand => {
  const kind = chunk.kind[i]!;
  const id = chunk.id[i]!;
  const orderId = orderIdOf(id);
  const accountId = ACCOUNT_IDS[id % ACCOUNTS]!;
  if (kind === CANCEL) return { kind: 'cancel', orderId, accountId, at: AT0 + chunk.base + i };
  const side = chunk.side[i] === 0 ? 'BUY' : 'SELL';
  const quantity = chunk.qty[i]!;
  if (kind === MARKET) {
    return {
      kind: 'place',
      type: 'MARKET',
      orderId,
      accountId,
      side,
      quantity,
      at: AT0 + chunk.base + i,
    };
  }
  const price = chunk.price[i]!;
  return {
    kind: 'place',
    type: 'LIMIT',
    orderId,
    accountId,
    side,
    price,
    quantity,
    at: AT0 + chunk.base + i,
  };
};

/** Our engine, consuming its events (summing traded lots) after every op. */
export class OursAdapter implements EngineAdapter {
  readonly name = 'ours (matching-service/src/engine)';
  readonly version = 'workspace';
  book = new OrderBook();
  traded = 0;

  reset(): void {
    this.book = new OrderBook();
    this.traded = 0;
  }

  private drain(out: BookEvent[]): void {
    for (let k = 0; k < out.length; k++) {
      const event = out[k]!;
      if (event.type === 'trade') this.traded += event.quantity;
    }
  }

  apply(chunk: OpChunk, from: number, to: number): void {
    const book = this.book;
    for (let i = from; i < to; i++) {
      this.drain(book.apply(ourCommand(chunk, i)));
    }
  }

  applyTimed(chunk: OpChunk, from: number, to: number, latencies: Float64Array): void {
    const book = this.book;
    for (let i = from; i < to; i++) {
      const t0 = process.hrtime.bigint();
      this.drain(book.apply(ourCommand(chunk, i)));
      latencies[i - from] = Number(process.hrtime.bigint() - t0);
    }
  }

  endState(): EndState {
    const snapshot = this.book.snapshot();
    const depth = this.book.depth();
    const sum = (levels: [number, number][]): number => levels.reduce((s, [, q]) => s + q, 0);
    return {
      traded: this.traded,
      bidCount: snapshot.bids.length,
      askCount: snapshot.asks.length,
      bidVolume: sum(depth.bids),
      askVolume: sum(depth.asks),
      bestBid: this.book.bestBid() ?? null,
      bestAsk: this.book.bestAsk() ?? null,
    };
  }
}

/**
 * nodejs-order-book@10.1.1. Traded lots come from each response (`size - quantityLeft`).
 * Resting volumes are summed from level volumes: its side `volume()` is not decreased by
 * partial fills (perf-anchors §2).
 */
export class PeerAdapter implements EngineAdapter {
  readonly name = 'nodejs-order-book';
  readonly version = '10.1.1';
  book = new PeerBook();
  traded = 0;
  errors = 0;

  reset(): void {
    this.book = new PeerBook();
    this.traded = 0;
    this.errors = 0;
  }

  private one(chunk: OpChunk, i: number): void {
    const kind = chunk.kind[i]!;
    const id = orderIdOf(chunk.id[i]!);
    if (kind === CANCEL) {
      if (this.book.cancel(id) === undefined) this.errors++;
      return;
    }
    const side = chunk.side[i] === 0 ? PeerSide.BUY : PeerSide.SELL;
    const size = chunk.qty[i]!;
    const response =
      kind === MARKET
        ? this.book.market({ side, size })
        : this.book.limit({ id, side, size, price: chunk.price[i]! });
    if (response.err !== null) this.errors++;
    this.traded += size - response.quantityLeft;
  }

  apply(chunk: OpChunk, from: number, to: number): void {
    for (let i = from; i < to; i++) this.one(chunk, i);
  }

  applyTimed(chunk: OpChunk, from: number, to: number, latencies: Float64Array): void {
    for (let i = from; i < to; i++) {
      const t0 = process.hrtime.bigint();
      this.one(chunk, i);
      latencies[i - from] = Number(process.hrtime.bigint() - t0);
    }
  }

  endState(): EndState {
    if (this.errors > 0) throw new Error(`${this.name} reported ${this.errors} errors`);
    const snapshot = this.book.snapshot();
    const [asks, bids] = this.book.depth();
    const count = (levels: { orders: unknown[] }[]): number =>
      levels.reduce((s, level) => s + level.orders.length, 0);
    const sum = (levels: [number, number][]): number => levels.reduce((s, [, q]) => s + q, 0);
    return {
      traded: this.traded,
      bidCount: count(snapshot.bids),
      askCount: count(snapshot.asks),
      bidVolume: sum(bids),
      askVolume: sum(asks),
      bestBid: bids[0]?.[0] ?? null,
      bestAsk: asks[0]?.[0] ?? null,
    };
  }
}

/** The generator's tracking book's state: the expected end state. */
export const ladderEndState = (book: LadderBook): EndState => ({
  traded: book.tradedVolume,
  bidCount: book.restingCount[0]!,
  askCount: book.restingCount[1]!,
  bidVolume: book.restingVolume[0]!,
  askVolume: book.restingVolume[1]!,
  bestBid: book.best[0]! > 0 ? book.best[0]! : null,
  bestAsk: book.best[1]! < PRICE_SPAN ? book.best[1]! : null,
});

/** Field-by-field differences between two end states; empty when identical. */
export const diffEndStates = (expected: EndState, actual: EndState): string[] =>
  (Object.keys(expected) as (keyof EndState)[])
    .filter((key) => expected[key] !== actual[key])
    .map((key) => `${key}: expected ${expected[key]}, got ${actual[key]}`);
