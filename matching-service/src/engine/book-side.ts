import { NIL } from './order-pool';

/** How many levels next to the best are scanned linearly before falling back to bisection. */
const NEAR_BEST = 16;

/**
 * One side of the book: the non-empty price levels as a sorted array of keys with the best
 * level at the end, so the best price is O(1), consuming the best level is a pop, and the
 * common insertion near the best moves only the few levels in front of it.
 *
 * The key is the price for bids and its negation for asks, so "ascending key" means "better
 * price" on both sides. Memory is proportional to the number of non-empty levels, never to the
 * price range, so an outlier price costs one entry. Inserting or removing a level d positions
 * from the best moves d entries (a `copyWithin`); lookup is O(log n).
 */
export class BookSide {
  private keys: Float64Array;
  private slots: Int32Array;
  private length = 0;

  constructor(
    readonly isBid: boolean,
    initialCapacity = 256,
  ) {
    this.keys = new Float64Array(Math.max(16, initialCapacity));
    this.slots = new Int32Array(this.keys.length);
  }

  /** Number of non-empty levels. */
  get count(): number {
    return this.length;
  }

  /** Level slot of the best price, or NIL when the side is empty. */
  best(): number {
    return this.length === 0 ? NIL : this.slots[this.length - 1]!;
  }

  /** Level slot `depth` places from the best (0 = best); the caller checks `depth < count`. */
  at(depth: number): number {
    return this.slots[this.length - 1 - depth]!;
  }

  /**
   * Index of `price` in the sorted keys, or `-(insertion point) - 1` when absent. Searches the
   * levels nearest the best first, where almost every order arrives.
   */
  indexOf(price: number): number {
    const key = this.isBid ? price : -price;
    const keys = this.keys;
    let hi = this.length - 1;
    const stop = hi - NEAR_BEST;
    while (hi >= 0 && hi > stop) {
      const k = keys[hi]!;
      if (k === key) return hi;
      if (k < key) return -(hi + 1) - 1;
      hi--;
    }
    let lo = 0;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const k = keys[mid]!;
      if (k < key) lo = mid + 1;
      else if (k > key) hi = mid - 1;
      else return mid;
    }
    return -lo - 1;
  }

  /** Level slot at a non-negative `indexOf` result. */
  slotAt(index: number): number {
    return this.slots[index]!;
  }

  /** Inserts a new level at the insertion point decoded from a negative `indexOf` result. */
  insert(encodedIndex: number, price: number, slot: number): void {
    const index = -encodedIndex - 1;
    if (this.length === this.keys.length) this.grow();
    const keys = this.keys;
    const slots = this.slots;
    if (index < this.length) {
      keys.copyWithin(index + 1, index, this.length);
      slots.copyWithin(index + 1, index, this.length);
    }
    keys[index] = this.isBid ? price : -price;
    slots[index] = slot;
    this.length++;
  }

  /** Drops the best level (it has just emptied). */
  popBest(): void {
    this.length--;
  }

  /** Drops the level at `price`, which must be present. */
  remove(price: number): void {
    const index = this.indexOf(price);
    if (index < 0) throw new Error(`invariant: no level at ${price}`);
    this.length--;
    if (index < this.length) {
      this.keys.copyWithin(index, index + 1, this.length + 1);
      this.slots.copyWithin(index, index + 1, this.length + 1);
    }
  }

  private grow(): void {
    const keys = new Float64Array(this.keys.length * 2);
    keys.set(this.keys);
    const slots = new Int32Array(keys.length);
    slots.set(this.slots);
    this.keys = keys;
    this.slots = slots;
  }
}
