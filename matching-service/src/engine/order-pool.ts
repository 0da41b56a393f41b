/** The "no slot" link value shared by the order and level pools. */
export const NIL = -1;

const grow64 = (from: Float64Array, size: number): Float64Array => {
  const to = new Float64Array(size);
  to.set(from);
  return to;
};

const grow32 = (from: Int32Array, size: number): Int32Array => {
  const to = new Int32Array(size);
  to.set(from);
  return to;
};

/**
 * Resting orders as pooled slots in parallel typed arrays (struct of arrays), so resting,
 * filling and cancelling allocate nothing. `next`/`prev` form the intrusive FIFO list of the
 * order's price level; a released slot is chained through `next` on a free list and reused.
 */
export class OrderPool {
  price: Float64Array;
  quantity: Float64Array;
  remaining: Float64Array;
  at: Float64Array;
  next: Int32Array;
  prev: Int32Array;
  level: Int32Array;
  /** `hashId` of the order id, so retiring a filled maker never rehashes its string. */
  idHash: Int32Array;
  /** 1 for a buy, 0 for a sell. */
  buy: Uint8Array;
  readonly orderId: string[] = [];
  readonly accountId: string[] = [];
  private freeHead = NIL;
  private used = 0;
  private live = 0;

  constructor(initialCapacity = 1024) {
    const size = Math.max(16, initialCapacity);
    this.price = new Float64Array(size);
    this.quantity = new Float64Array(size);
    this.remaining = new Float64Array(size);
    this.at = new Float64Array(size);
    this.next = new Int32Array(size);
    this.prev = new Int32Array(size);
    this.level = new Int32Array(size);
    this.idHash = new Int32Array(size);
    this.buy = new Uint8Array(size);
  }

  /** Number of slots holding a resting order. */
  get size(): number {
    return this.live;
  }

  /** A slot for a new resting order; the caller fills every field. */
  alloc(orderId: string, accountId: string): number {
    this.live++;
    const slot = this.freeHead;
    if (slot !== NIL) {
      this.freeHead = this.next[slot]!;
      this.orderId[slot] = orderId;
      this.accountId[slot] = accountId;
      return slot;
    }
    if (this.used === this.price.length) this.grow();
    this.orderId.push(orderId);
    this.accountId.push(accountId);
    return this.used++;
  }

  /** Returns a slot to the free list; its strings are dropped so they can be collected. */
  release(slot: number): void {
    this.live--;
    this.orderId[slot] = '';
    this.accountId[slot] = '';
    this.next[slot] = this.freeHead;
    this.freeHead = slot;
  }

  private grow(): void {
    const size = this.price.length * 2;
    this.price = grow64(this.price, size);
    this.quantity = grow64(this.quantity, size);
    this.remaining = grow64(this.remaining, size);
    this.at = grow64(this.at, size);
    this.next = grow32(this.next, size);
    this.prev = grow32(this.prev, size);
    this.level = grow32(this.level, size);
    this.idHash = grow32(this.idHash, size);
    const buy = new Uint8Array(size);
    buy.set(this.buy);
    this.buy = buy;
  }
}
