import type { BookSide } from './book-side';
import type { BookConfig, BookState } from './book-state';
import type { StpMode } from './commands';
import { Fnv64 } from './fnv';
import { NIL } from './order-pool';
import { isId, isPositive } from './validate';

/** A resting order in a snapshot; position in its list is its time priority. */
export interface SnapshotOrder {
  readonly orderId: string;
  readonly accountId: string;
  readonly price: number;
  readonly quantity: number;
  readonly remaining: number;
  readonly at: number;
}

/**
 * The complete state of a book as plain JSON data. Orders are listed best price first and
 * FIFO within a price, so restoring by appending in list order rebuilds the same priorities.
 */
export interface BookSnapshot {
  readonly version: 1;
  readonly symbol: string;
  readonly defaultStp: StpMode;
  /** `seq` of the next event. */
  readonly nextSeq: number;
  /**
   * Finished ids still remembered for duplicate detection, per generation, oldest first
   * (policy: see `SeenIds`).
   */
  readonly seenIds: {
    readonly policy: 'GENERATIONS';
    readonly capacity: number;
    readonly generations: string[][];
  };
  readonly bids: SnapshotOrder[];
  readonly asks: SnapshotOrder[];
}

const sideOrders = (state: BookState, side: BookSide): SnapshotOrder[] => {
  const { levels, orders } = state;
  const list: SnapshotOrder[] = [];
  for (let depth = 0; depth < side.count; depth++) {
    const level = side.at(depth);
    for (let order = levels.head[level]!; order !== NIL; order = orders.next[order]!) {
      list.push({
        orderId: orders.orderId[order]!,
        accountId: orders.accountId[order]!,
        price: orders.price[order]!,
        quantity: orders.quantity[order]!,
        remaining: orders.remaining[order]!,
        at: orders.at[order]!,
      });
    }
  }
  return list;
};

/** Captures the state as plain data (O(n); never on the hot path). */
export const takeSnapshot = (state: BookState): BookSnapshot => ({
  version: 1,
  symbol: state.config.symbol,
  defaultStp: state.config.defaultStp,
  nextSeq: state.seq,
  seenIds: {
    policy: 'GENERATIONS',
    capacity: state.config.seenIdCapacity,
    generations: state.index.rememberedGenerations(),
  },
  bids: sideOrders(state, state.bids),
  asks: sideOrders(state, state.asks),
});

/** The configuration a snapshot was taken with. */
export const snapshotConfig = (snapshot: BookSnapshot): BookConfig => ({
  symbol: snapshot.symbol,
  defaultStp: snapshot.defaultStp,
  seenIdCapacity: snapshot.seenIds.capacity,
});

/** Loads a snapshot into an empty state; a malformed snapshot is a broken invariant. */
export const loadSnapshot = (state: BookState, snapshot: BookSnapshot): void => {
  if (snapshot.version !== 1) throw new Error(`unsupported snapshot version ${snapshot.version}`);
  if (state.orders.size !== 0) throw new Error('invariant: restore into a non-empty book');
  for (const [isBuy, list] of [
    [true, snapshot.bids],
    [false, snapshot.asks],
  ] as const) {
    for (const o of list) {
      const valid =
        isId(o.orderId) &&
        isId(o.accountId) &&
        isPositive(o.price) &&
        isPositive(o.remaining) &&
        Number.isSafeInteger(o.quantity) &&
        o.remaining <= o.quantity &&
        Number.isSafeInteger(o.at);
      if (!valid) throw new Error(`snapshot has a malformed order ${String(o.orderId)}`);
      const hash = state.index.hash(o.orderId);
      if (state.index.has(o.orderId, hash)) throw new Error(`snapshot repeats order ${o.orderId}`);
      state.rest(o.orderId, hash, o.accountId, isBuy, o.price, o.quantity, o.remaining, o.at);
    }
  }
  const bid = state.bestPrice(state.bids);
  const ask = state.bestPrice(state.asks);
  if (bid !== undefined && ask !== undefined && bid >= ask)
    throw new Error('snapshot book is crossed');
  state.index.restoreRemembered(snapshot.seenIds.generations);
  state.seq = snapshot.nextSeq;
};

const hashOrders = (hash: Fnv64, list: readonly SnapshotOrder[]): void => {
  hash.uint(list.length);
  for (const o of list) {
    hash.text(o.orderId).text(o.accountId);
    hash.uint(o.price).uint(o.quantity).uint(o.remaining).uint(o.at);
  }
};

/**
 * FNV-1a 64 over the snapshot's content in a fixed field order: config, next seq, remembered
 * ids, then both sides in price-time order, i.e. everything that affects future events. Pool
 * slot numbers are not part of it, so a restored book hashes like the original.
 */
export const hashSnapshot = (snapshot: BookSnapshot): string => {
  const hash = new Fnv64();
  hash.uint(snapshot.version).text(snapshot.symbol).text(snapshot.defaultStp);
  hash.uint(snapshot.nextSeq).uint(snapshot.seenIds.capacity);
  hash.uint(snapshot.seenIds.generations.length);
  for (const generation of snapshot.seenIds.generations) {
    hash.uint(generation.length);
    for (const id of generation) hash.text(id);
  }
  hashOrders(hash, snapshot.bids);
  hashOrders(hash, snapshot.asks);
  return hash.hex();
};
