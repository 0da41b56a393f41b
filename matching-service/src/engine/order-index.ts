import { HashSlots, hashId } from './hash-slots';
import type { OrderPool } from './order-pool';
import { SeenIds } from './seen-ids';

/**
 * Order id → pool slot for live orders, plus a bounded memory of finished ids so a repeated id
 * is rejected as a duplicate.
 *
 * Seen-id policy ("GENERATIONS", see `SeenIds`): every id that finished (filled, cancelled,
 * expired, or a taker that never rested) is remembered until at least `capacity` newer ids
 * have finished; older ones are forgotten a generation at a time and could be used again.
 * Live ids are always known. Memory is bounded by live orders + `capacity` (+ one generation).
 * Order ids are unique upstream (the API mints them); this memory only has to cover redelivery
 * and retry windows, far shorter than `capacity` orders.
 *
 * The live table stores `hash → slot` only and confirms candidates against the pool's id, so
 * the index holds no string references of its own. Callers pass `hashId(id)`, computed once
 * per order (a resting order keeps it in the pool).
 */
export class OrderIndex {
  private readonly live = new HashSlots(1024);
  private readonly seen: SeenIds;

  constructor(
    private readonly orders: OrderPool,
    readonly capacity: number,
  ) {
    this.seen = new SeenIds(capacity);
  }

  /** The hash every other method expects for `orderId`. */
  hash(orderId: string): number {
    return hashId(orderId);
  }

  /** Pool slot of a live order, or -1 when the id is unknown or finished. */
  liveSlot(orderId: string, hash: number): number {
    const live = this.live;
    const ids = this.orders.orderId;
    for (let cell = live.find(hash, -1); cell !== -1; cell = live.find(hash, cell)) {
      const slot = live.valueAt(cell);
      if (ids[slot] === orderId) return slot;
    }
    return -1;
  }

  /** True when the id is live or still remembered as finished. */
  has(orderId: string, hash: number): boolean {
    return this.liveSlot(orderId, hash) !== -1 || this.seen.has(orderId, hash);
  }

  /** Indexes the resting order in `slot` (its id and hash are already in the pool). */
  setLive(slot: number): void {
    this.live.insert(this.orders.idHash[slot]!, slot);
  }

  /** The order in `slot` leaves the book: unindex it and remember its id. Call before release. */
  retireLive(slot: number): void {
    const live = this.live;
    const hash = this.orders.idHash[slot]!;
    let cell = live.find(hash, -1);
    while (live.valueAt(cell) !== slot) cell = live.find(hash, cell);
    live.removeAt(cell);
    this.seen.add(this.orders.orderId[slot]!, hash);
  }

  /** Remembers the id of an order that finished without resting. */
  retireNew(orderId: string, hash: number): void {
    this.seen.add(orderId, hash);
  }

  /** The remembered finished ids per generation, oldest first (what a snapshot stores). */
  rememberedGenerations(): string[][] {
    return this.seen.snapshot();
  }

  /** Loads remembered ids from a snapshot into an empty index. */
  restoreRemembered(generations: readonly (readonly string[])[]): void {
    this.seen.restore(generations, hashId);
  }

  /** Number of live ids (for invariant checks). */
  liveCount(): number {
    return this.live.size;
  }

  /** Number of remembered finished ids. */
  rememberedCount(): number {
    return this.seen.size;
  }
}
