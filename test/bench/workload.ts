import { LadderBook, PRICE_SPAN } from './ladder-book';
import { Prng } from './prng';

/** Op kinds; limits are split by intent so latency can be reported per kind. */
export const LIMIT_REST = 0;
export const LIMIT_CROSS = 1;
export const MARKET = 2;
export const CANCEL = 3;
export const KIND_NAMES = ['limit-rest', 'limit-cross', 'market', 'cancel'] as const;

/** Distinct accounts; an order's account is `id % ACCOUNTS`. */
export const ACCOUNTS = 1000;

/** Parameters of perf-anchors §2: seed, target resting orders (10k standard, 100k deep). */
export interface WorkloadOptions {
  readonly seed: number;
  readonly targetLive: number;
}

/**
 * A batch of ops as parallel typed arrays (no objects), so a million ops cost ~22 MB and
 * engines build their own input objects per op inside the timed loop. For a cancel, `id` is
 * the target order; `side`, `price`, `qty` are unused.
 */
export class OpChunk {
  readonly kind: Uint8Array;
  readonly side: Uint8Array;
  readonly price: Int32Array;
  readonly qty: Float64Array;
  readonly id: Float64Array;
  length = 0;
  /** Position of op 0 in the whole stream (a streamed chunk keeps `at` increasing). */
  base = 0;

  constructor(readonly capacity: number) {
    this.kind = new Uint8Array(capacity);
    this.side = new Uint8Array(capacity);
    this.price = new Int32Array(capacity);
    this.qty = new Float64Array(capacity);
    this.id = new Float64Array(capacity);
  }
}

const RECENT = 512;
const START_PRICE = 10_000;

/**
 * The seeded workload of perf-anchors §2: a fair price random-walking 1 tick with p = 0.02 and
 * weak mean reversion; 70 % GTC limits (mostly passive at 1 + Exp(12) ticks, capped at 2,000,
 * never crossing; the rest priced at the opposite best +0/1/2/5), 10 % market, 20 % cancels of
 * live orders (half among the 512 most recently rested). A controller steers the crossing share
 * so about `targetLive` orders rest. Maker sizes 1–10 (70 %), 10–100 (25 %), 100–1000 (5 %);
 * taker sizes are that ×1–4. A `LadderBook` tracks the state and holds the expected end state.
 */
export class WorkloadGenerator {
  readonly book = new LadderBook();
  private readonly rng: Prng;
  private fair = START_PRICE;
  private nextId = 1;
  private readonly recentSlot = new Int32Array(RECENT);
  private readonly recentId = new Float64Array(RECENT).fill(-1);
  private recentAt = 0;

  constructor(readonly options: WorkloadOptions) {
    this.rng = new Prng(options.seed);
  }

  /** Appends `count` passive limits (the untimed prefill). */
  prefill(chunk: OpChunk, count: number): void {
    for (let i = 0; i < count; i++) this.passive(chunk, this.rng.next() < 0.5 ? 0 : 1);
  }

  /** Appends `count` measured ops. */
  generate(chunk: OpChunk, count: number): void {
    const rng = this.rng;
    for (let i = 0; i < count; i++) {
      this.walk();
      const r = rng.next();
      const side = rng.next() < 0.5 ? 0 : 1;
      if (r < 0.7) {
        const error = (this.book.liveCount - this.options.targetLive) / this.options.targetLive;
        const crossShare = Math.min(0.9, Math.max(0.02, 0.22 + 1.5 * error));
        if (rng.next() < crossShare && this.crossing(chunk, side)) continue;
        this.passive(chunk, side);
      } else if (r < 0.8) {
        const qty = this.takerSize();
        this.book.market(side, qty);
        this.push(chunk, MARKET, side, 0, qty, this.nextId++);
      } else if (!this.cancel(chunk)) {
        this.passive(chunk, side);
      }
    }
  }

  private walk(): void {
    const rng = this.rng;
    if (rng.next() >= 0.02) return;
    const upChance = Math.min(0.9, Math.max(0.1, 0.5 - (this.fair - START_PRICE) * 0.002));
    this.fair += rng.next() < upChance ? 1 : -1;
  }

  private makerSize(): number {
    const rng = this.rng;
    const r = rng.next();
    if (r < 0.7) return rng.int(1, 10);
    if (r < 0.95) return rng.int(10, 100);
    return rng.int(100, 1000);
  }

  private takerSize(): number {
    return this.makerSize() * this.rng.int(1, 4);
  }

  private passive(chunk: OpChunk, side: number): void {
    const distance = Math.min(2000, 1 + Math.floor(this.rng.exp(12)));
    const book = this.book;
    const price =
      side === 0
        ? Math.max(1, Math.min(this.fair - distance, book.best[1]! - 1))
        : Math.min(PRICE_SPAN - 1, Math.max(this.fair + distance, book.best[0]! + 1));
    const qty = this.makerSize();
    const id = this.nextId++;
    book.limit(id, side, price, qty);
    this.remember(id);
    this.push(chunk, LIMIT_REST, side, price, qty, id);
  }

  private crossing(chunk: OpChunk, side: number): boolean {
    const book = this.book;
    const opposite = book.best[1 - side]!;
    if (side === 0 ? opposite >= PRICE_SPAN : opposite <= 0) return false;
    const offset = [0, 1, 2, 5][this.rng.int(0, 3)]!;
    const price = side === 0 ? opposite + offset : opposite - offset;
    const qty = this.takerSize();
    const id = this.nextId++;
    if (book.limit(id, side, price, qty) > 0) this.remember(id);
    this.push(chunk, LIMIT_CROSS, side, price, qty, id);
    return true;
  }

  private cancel(chunk: OpChunk): boolean {
    const book = this.book;
    if (book.liveCount === 0) return false;
    let slot = -1;
    if (this.rng.next() < 0.5) {
      const k = this.rng.int(0, RECENT - 1);
      const candidate = this.recentSlot[k]!;
      if (this.recentId[k] !== -1 && book.idOf[candidate] === this.recentId[k]) slot = candidate;
    }
    if (slot === -1) slot = book.live[this.rng.int(0, book.liveCount - 1)]!;
    const id = book.idOf[slot]!;
    book.cancel(slot);
    this.push(chunk, CANCEL, 0, 0, 0, id);
    return true;
  }

  private remember(id: number): void {
    const book = this.book;
    const slot = book.live[book.liveCount - 1]!;
    if (book.idOf[slot] !== id) return;
    this.recentSlot[this.recentAt] = slot;
    this.recentId[this.recentAt] = id;
    this.recentAt = (this.recentAt + 1) % RECENT;
  }

  private push(
    chunk: OpChunk,
    kind: number,
    side: number,
    price: number,
    qty: number,
    id: number,
  ): void {
    const i = chunk.length++;
    if (i >= chunk.capacity) throw new Error('op chunk overflow');
    chunk.kind[i] = kind;
    chunk.side[i] = side;
    chunk.price[i] = price;
    chunk.qty[i] = qty;
    chunk.id[i] = id;
  }
}
