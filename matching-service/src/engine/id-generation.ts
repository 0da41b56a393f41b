import { HashSlots } from './hash-slots';

/**
 * One generation of remembered order ids: up to `size` ids as UTF-16 code units in a linear
 * char arena (no JS strings, so nothing for the garbage collector to trace) with an exact,
 * insert-only hash table over them. The whole generation is cleared at once when it is
 * recycled, so no id is ever evicted individually. `SeenIds` keeps a Bloom filter in front of
 * all generations, so these tables are only consulted for likely members.
 */
export class IdGeneration {
  private readonly table: HashSlots;
  private readonly offsets: Int32Array;
  private readonly lengths: Uint8Array;
  private chars = new Uint16Array(4096);
  private charUsed = 0;
  private count = 0;

  constructor(readonly size: number) {
    this.table = new HashSlots(Math.min(size, 4096), 0.75);
    this.offsets = new Int32Array(size);
    this.lengths = new Uint8Array(size);
  }

  /** Number of ids held. */
  get length(): number {
    return this.count;
  }

  /** True when no more ids fit. */
  get full(): boolean {
    return this.count === this.size;
  }

  /** True when `id` (with `hash = hashId(id)`) is held; exact. */
  has(id: string, hash: number): boolean {
    const table = this.table;
    for (let cell = table.find(hash, -1); cell !== -1; cell = table.find(hash, cell)) {
      if (this.matches(table.valueAt(cell), id)) return true;
    }
    return false;
  }

  /** Adds `id`; the generation must not be full. */
  add(id: string, hash: number): void {
    const length = id.length;
    if (this.charUsed + length > this.chars.length) {
      const chars = new Uint16Array(Math.max(this.chars.length * 2, this.charUsed + length));
      chars.set(this.chars);
      this.chars = chars;
    }
    const index = this.count++;
    const chars = this.chars;
    const at = this.charUsed;
    for (let i = 0; i < length; i++) chars[at + i] = id.charCodeAt(i);
    this.offsets[index] = at;
    this.lengths[index] = length;
    this.charUsed = at + length;
    this.table.insert(hash, index);
  }

  /** Forgets every id at once. */
  clear(): void {
    this.table.clear();
    this.count = 0;
    this.charUsed = 0;
  }

  /** The held ids in insertion order. */
  ids(): string[] {
    const result: string[] = [];
    for (let index = 0; index < this.count; index++) {
      const at = this.offsets[index]!;
      result.push(String.fromCharCode(...this.chars.subarray(at, at + this.lengths[index]!)));
    }
    return result;
  }

  private matches(index: number, id: string): boolean {
    const length = this.lengths[index]!;
    if (length !== id.length) return false;
    const chars = this.chars;
    const at = this.offsets[index]!;
    for (let i = 0; i < length; i++) if (chars[at + i] !== id.charCodeAt(i)) return false;
    return true;
  }
}
