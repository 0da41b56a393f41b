import { IdGeneration } from './id-generation';

/** Generations the remembered ids are split into. */
export const GENERATIONS = 4;
/** Bloom filter bits per remembered id (about 2 % false positives with 4 probes). */
const FILTER_BITS_PER_ID = 10;
/** A filter block is one 64-byte cache line: one 128-bit sub-block per generation. */
const BLOCK_WORDS = 16;
const SUB_WORDS = BLOCK_WORDS / GENERATIONS;

const pow2AtLeast = (n: number): number => {
  let p = 1;
  while (p < n) p *= 2;
  return p;
};

/**
 * Finished order ids remembered in `GENERATIONS` generations of `ceil(capacity / 3)` ids each.
 * New ids go to the newest generation; when it is full the oldest generation is cleared and
 * reused as the newest. So the book always remembers at least the last `capacity` finished ids
 * (at most `capacity` plus one generation), memory is bounded by design, and forgetting costs
 * one bulk clear per generation instead of a random memory access per id.
 *
 * A blocked Bloom filter sits in front: an id hashes to one cache-line block holding a 128-bit
 * sub-filter per generation, so checking a new id against every generation reads one line and
 * the exact per-generation tables are only visited for likely members.
 */
export class SeenIds {
  private readonly generations: IdGeneration[] = [];
  private readonly generationSize: number;
  private readonly filter: Int32Array;
  private readonly blockShift: number;
  private newest = -1;

  constructor(readonly capacity: number) {
    this.generationSize = Math.ceil(capacity / (GENERATIONS - 1));
    const blocks = pow2AtLeast(
      Math.ceil((this.generationSize * FILTER_BITS_PER_ID) / (SUB_WORDS * 32)),
    );
    this.filter = new Int32Array(capacity === 0 ? 0 : blocks * BLOCK_WORDS);
    this.blockShift = 32 - Math.log2(blocks);
  }

  /** Number of remembered ids. */
  get size(): number {
    return this.generations.reduce((sum, g) => sum + g.length, 0);
  }

  /** True when `id` (with `hash = hashId(id)`) is remembered; exact. */
  has(id: string, hash: number): boolean {
    const generations = this.generations;
    const filter = this.filter;
    const block = this.block(hash);
    const bits = this.bits(hash);
    for (let g = 0; g < generations.length; g++) {
      const base = block + g * SUB_WORDS;
      let k = 0;
      for (; k < 28; k += 7) {
        const bit = (bits >>> k) & 0x7f;
        if ((filter[base + (bit >>> 5)]! & (1 << (bit & 31))) === 0) break;
      }
      if (k === 28 && generations[g]!.has(id, hash)) return true;
    }
    return false;
  }

  /** Remembers `id`; a capacity of 0 remembers nothing. */
  add(id: string, hash: number): void {
    if (this.capacity === 0) return;
    if (this.newest === -1 || this.generations[this.newest]!.full) this.rotate();
    this.generations[this.newest]!.add(id, hash);
    const filter = this.filter;
    const base = this.block(hash) + this.newest * SUB_WORDS;
    const bits = this.bits(hash);
    for (let k = 0; k < 28; k += 7) {
      const bit = (bits >>> k) & 0x7f;
      filter[base + (bit >>> 5)]! |= 1 << (bit & 31);
    }
  }

  /** The remembered ids per generation, oldest generation first (what a snapshot stores). */
  snapshot(): string[][] {
    const result: string[][] = [];
    const n = this.generations.length;
    for (let k = 1; k <= n; k++) result.push(this.generations[(this.newest + k) % n]!.ids());
    return result;
  }

  /** Rebuilds the generations of `snapshot()` into this empty set. */
  restore(generations: readonly (readonly string[])[], hash: (id: string) => number): void {
    if (generations.length > GENERATIONS) throw new Error('snapshot has too many id generations');
    for (const ids of generations) {
      if (ids.length > this.generationSize) throw new Error('snapshot id generation is too large');
      this.rotate();
      for (const id of ids) this.add(id, hash(id));
    }
  }

  private block(hash: number): number {
    return this.blockShift === 32
      ? 0
      : (Math.imul(hash, 0x9e3779b1) >>> this.blockShift) * BLOCK_WORDS;
  }

  /** Four 7-bit positions inside a 128-bit sub-block, from a second mix of the hash. */
  private bits(hash: number): number {
    return Math.imul(hash ^ (hash >>> 15), 0x2c1b3c6d);
  }

  private rotate(): void {
    if (this.generations.length < GENERATIONS) {
      this.generations.push(new IdGeneration(this.generationSize));
      this.newest = this.generations.length - 1;
      return;
    }
    this.newest = (this.newest + 1) % GENERATIONS;
    this.generations[this.newest]!.clear();
    const filter = this.filter;
    for (let base = this.newest * SUB_WORDS; base < filter.length; base += BLOCK_WORDS) {
      filter.fill(0, base, base + SUB_WORDS);
    }
  }
}
