import { NIL } from './order-pool';
import type { OrderPool } from './order-pool';

/**
 * Price levels as pooled slots: each level is a FIFO (intrusive doubly linked list through the
 * order pool) with its price, order count and total remaining lots. Appending and unlinking are
 * O(1) and never scan the level.
 *
 * A level total is a sum of safe-integer lots; it stays exact while below 2^53 lots at one
 * price, far beyond any market's maximum order size times its open-order limit.
 */
export class LevelPool {
  price: Float64Array;
  total: Float64Array;
  head: Int32Array;
  tail: Int32Array;
  count: Int32Array;
  private freeHead = NIL;
  private used = 0;

  constructor(initialCapacity = 256) {
    const size = Math.max(16, initialCapacity);
    this.price = new Float64Array(size);
    this.total = new Float64Array(size);
    this.head = new Int32Array(size);
    this.tail = new Int32Array(size);
    this.count = new Int32Array(size);
  }

  /** An empty level at `price`. */
  alloc(price: number): number {
    let slot = this.freeHead;
    if (slot !== NIL) {
      this.freeHead = this.head[slot]!;
    } else {
      if (this.used === this.price.length) this.grow();
      slot = this.used++;
    }
    this.price[slot] = price;
    this.total[slot] = 0;
    this.head[slot] = NIL;
    this.tail[slot] = NIL;
    this.count[slot] = 0;
    return slot;
  }

  /** Returns an empty level's slot to the free list (chained through `head`). */
  release(slot: number): void {
    this.head[slot] = this.freeHead;
    this.freeHead = slot;
  }

  /** Appends `order` at the back of the level's queue (time priority). */
  append(level: number, order: number, orders: OrderPool): void {
    const tail = this.tail[level]!;
    orders.level[order] = level;
    orders.prev[order] = tail;
    orders.next[order] = NIL;
    if (tail === NIL) this.head[level] = order;
    else orders.next[tail] = order;
    this.tail[level] = order;
    this.count[level]!++;
    this.total[level]! += orders.remaining[order]!;
  }

  /** Removes `order` from its level and subtracts its remaining lots from the total. */
  unlink(level: number, order: number, orders: OrderPool): void {
    const prev = orders.prev[order]!;
    const next = orders.next[order]!;
    if (prev === NIL) this.head[level] = next;
    else orders.next[prev] = next;
    if (next === NIL) this.tail[level] = prev;
    else orders.prev[next] = prev;
    this.count[level]!--;
    this.total[level]! -= orders.remaining[order]!;
  }

  private grow(): void {
    const size = this.price.length * 2;
    const f64 = (from: Float64Array): Float64Array => {
      const to = new Float64Array(size);
      to.set(from);
      return to;
    };
    const i32 = (from: Int32Array): Int32Array => {
      const to = new Int32Array(size);
      to.set(from);
      return to;
    };
    this.price = f64(this.price);
    this.total = f64(this.total);
    this.head = i32(this.head);
    this.tail = i32(this.tail);
    this.count = i32(this.count);
  }
}
