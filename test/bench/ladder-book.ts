const NIL = -1;

/** Prices the generator's tracking book can hold: ticks in [1, PRICE_SPAN). */
export const PRICE_SPAN = 1 << 16;

/**
 * The workload generator's own book: a dense tick ladder with intrusive FIFO queues, integer
 * order ids and no features beyond GTC limit, market-by-quantity and cancel. It lets the
 * generator aim orders (best prices, live ids to cancel) and gives the expected end state every
 * engine under test must reproduce. Deliberately separate from the engine it checks.
 */
export class LadderBook {
  readonly head = [new Int32Array(PRICE_SPAN).fill(NIL), new Int32Array(PRICE_SPAN).fill(NIL)];
  readonly tail = [new Int32Array(PRICE_SPAN).fill(NIL), new Int32Array(PRICE_SPAN).fill(NIL)];
  readonly volume = [new Float64Array(PRICE_SPAN), new Float64Array(PRICE_SPAN)];
  /** Best price per side (0 = buy, 1 = sell); 0 / PRICE_SPAN when empty. */
  readonly best = [0, PRICE_SPAN];
  readonly restingCount = [0, 0];
  readonly restingVolume = [0, 0];
  tradedVolume = 0;
  fills = 0;
  /** Live slots, dense, for uniform random picks; `pos` maps slot → index here. */
  live: Int32Array = new Int32Array(1024);
  liveCount = 0;
  private pos: Int32Array = new Int32Array(1024);
  private next: Int32Array = new Int32Array(1024);
  private prev: Int32Array = new Int32Array(1024);
  private price: Int32Array = new Int32Array(1024);
  private qty: Float64Array = new Float64Array(1024);
  private side: Uint8Array = new Uint8Array(1024);
  /** Order id of a live slot, -1 once it is gone (for the generator's recent-order ring). */
  idOf: Float64Array = new Float64Array(1024);
  private free: number[] = [];
  private used = 0;

  /** Rests or matches a GTC limit order; returns the lots left resting. */
  limit(id: number, side: number, price: number, qty: number): number {
    const left = this.take(side, price, qty);
    if (left > 0) this.rest(id, side, price, left);
    return left;
  }

  /** Matches a market order; returns the lots left unfilled. */
  market(side: number, qty: number): number {
    return this.take(side, side === 0 ? PRICE_SPAN : 0, qty);
  }

  /** Removes a live order by slot. */
  cancel(slot: number): void {
    const s = this.side[slot]!;
    const p = this.price[slot]!;
    this.unlink(slot);
    this.volume[s]![p]! -= this.qty[slot]!;
    this.restingVolume[s]! -= this.qty[slot]!;
    if (this.head[s]![p] === NIL && this.best[s] === p) this.rescanBest(s);
  }

  private take(side: number, limit: number, qty: number): number {
    const opp = 1 - side;
    let left = qty;
    while (left > 0) {
      const p = this.best[opp]!;
      if (opp === 1 ? p >= PRICE_SPAN || p > limit : p <= 0 || p < limit) break;
      let slot = this.head[opp]![p]!;
      while (slot !== NIL && left > 0) {
        const next = this.next[slot]!;
        const fill = Math.min(left, this.qty[slot]!);
        left -= fill;
        this.qty[slot]! -= fill;
        this.volume[opp]![p]! -= fill;
        this.restingVolume[opp]! -= fill;
        this.tradedVolume += fill;
        this.fills++;
        if (this.qty[slot] === 0) this.unlink(slot);
        slot = next;
      }
      if (this.head[opp]![p] === NIL) this.rescanBest(opp);
    }
    return left;
  }

  private rest(id: number, side: number, price: number, qty: number): void {
    if (price <= 0 || price >= PRICE_SPAN) throw new Error(`price ${price} outside the ladder`);
    const slot = this.alloc();
    this.price[slot] = price;
    this.qty[slot] = qty;
    this.side[slot] = side;
    this.idOf[slot] = id;
    const tail = this.tail[side]![price]!;
    this.prev[slot] = tail;
    this.next[slot] = NIL;
    if (tail === NIL) this.head[side]![price] = slot;
    else this.next[tail] = slot;
    this.tail[side]![price] = slot;
    this.volume[side]![price]! += qty;
    this.restingVolume[side]! += qty;
    this.restingCount[side]!++;
    if (side === 0 ? price > this.best[0]! : price < this.best[1]!) this.best[side] = price;
    this.pos[slot] = this.liveCount;
    this.live[this.liveCount++] = slot;
  }

  private unlink(slot: number): void {
    const s = this.side[slot]!;
    const p = this.price[slot]!;
    const prev = this.prev[slot]!;
    const next = this.next[slot]!;
    if (prev === NIL) this.head[s]![p] = next;
    else this.next[prev] = next;
    if (next === NIL) this.tail[s]![p] = prev;
    else this.prev[next] = prev;
    this.restingCount[s]!--;
    const at = this.pos[slot]!;
    const last = this.live[--this.liveCount]!;
    this.live[at] = last;
    this.pos[last] = at;
    this.idOf[slot] = -1;
    this.free.push(slot);
  }

  private rescanBest(side: number): void {
    const heads = this.head[side]!;
    let p = this.best[side]!;
    if (side === 0) while (p > 0 && heads[p] === NIL) p--;
    else while (p < PRICE_SPAN && heads[p] === NIL) p++;
    this.best[side] = p;
  }

  private alloc(): number {
    const reused = this.free.pop();
    if (reused !== undefined) return reused;
    if (this.used === this.price.length) this.grow();
    return this.used++;
  }

  private grow(): void {
    const n = this.price.length * 2;
    const i32 = (a: Int32Array): Int32Array => {
      const b = new Int32Array(n);
      b.set(a);
      return b;
    };
    const f64 = (a: Float64Array): Float64Array => {
      const b = new Float64Array(n);
      b.set(a);
      return b;
    };
    this.live = i32(this.live);
    this.pos = i32(this.pos);
    this.next = i32(this.next);
    this.prev = i32(this.prev);
    this.price = i32(this.price);
    this.qty = f64(this.qty);
    this.idOf = f64(this.idOf);
    const side = new Uint8Array(n);
    side.set(this.side);
    this.side = side;
  }
}
