/**
 * 32-bit hash of a string: FNV-1a over its UTF-16 code units, then murmur3's finaliser so
 * sequential ids ("o1", "o2", …) spread over the table.
 */
export const hashId = (id: string): number => {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 0x01000193);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) | 0;
};

/**
 * An open-addressing multimap from a 32-bit hash to a non-negative int, in one Int32Array of
 * `[hash, value + 1]` cells (0 marks a free cell), with linear probing and backward-shift
 * deletion (no tombstones). It stores no keys: callers keep their keys elsewhere (pool slots,
 * a char arena) and confirm a candidate cell themselves, so the table holds no references for
 * the garbage collector to trace. It grows by doubling past `maxLoad` (½ by default; ¾ keeps an
 * insert-only table in half the memory) and never reallocates in steady state. Iteration order
 * is never exposed.
 */
export class HashSlots {
  private cells: Int32Array;
  private mask: number;
  private count = 0;

  constructor(
    expected = 512,
    private readonly maxLoad = 0.5,
  ) {
    let capacity = 1024;
    while (capacity * maxLoad < expected) capacity *= 2;
    this.cells = new Int32Array(capacity * 2);
    this.mask = capacity - 1;
  }

  /** Number of entries. */
  get size(): number {
    return this.count;
  }

  /**
   * The next cell after `after` (or from the hash's home cell when `after` is -1) holding
   * `hash`, or -1 when the probe run ends. Candidates must be confirmed by the caller.
   */
  find(hash: number, after: number): number {
    const cells = this.cells;
    const mask = this.mask;
    for (let i = after === -1 ? hash & mask : (after + 1) & mask; ; i = (i + 1) & mask) {
      if (cells[2 * i + 1] === 0) return -1;
      if (cells[2 * i] === hash) return i;
    }
  }

  /** The value stored in a cell returned by `find`. */
  valueAt(cell: number): number {
    return this.cells[2 * cell + 1]! - 1;
  }

  /** Empties the table, keeping its capacity. */
  clear(): void {
    this.cells.fill(0);
    this.count = 0;
  }

  /** Replaces the value in a cell returned by `find` (the hash stays). */
  setValueAt(cell: number, value: number): void {
    this.cells[2 * cell + 1] = value + 1;
  }

  /** Adds an entry (duplicates allowed; callers prevent them). */
  insert(hash: number, value: number): void {
    if (this.count + 1 > (this.mask + 1) * this.maxLoad) this.grow();
    this.count++;
    const cells = this.cells;
    const mask = this.mask;
    let i = hash & mask;
    while (cells[2 * i + 1] !== 0) i = (i + 1) & mask;
    cells[2 * i] = hash;
    cells[2 * i + 1] = value + 1;
  }

  /** Removes the entry in `cell`, shifting later entries of its probe run back into the gap. */
  removeAt(cell: number): void {
    const cells = this.cells;
    const mask = this.mask;
    this.count--;
    let gap = cell;
    for (let j = (gap + 1) & mask; cells[2 * j + 1] !== 0; j = (j + 1) & mask) {
      const home = cells[2 * j]! & mask;
      const stays = gap <= j ? gap < home && home <= j : gap < home || home <= j;
      if (stays) continue;
      cells[2 * gap] = cells[2 * j]!;
      cells[2 * gap + 1] = cells[2 * j + 1]!;
      gap = j;
    }
    cells[2 * gap] = 0;
    cells[2 * gap + 1] = 0;
  }

  private grow(): void {
    const old = this.cells;
    const capacity = (this.mask + 1) * 2;
    this.cells = new Int32Array(capacity * 2);
    this.mask = capacity - 1;
    const cells = this.cells;
    for (let c = 0; c < old.length; c += 2) {
      if (old[c + 1] === 0) continue;
      let i = old[c]! & this.mask;
      while (cells[2 * i + 1] !== 0) i = (i + 1) & this.mask;
      cells[2 * i] = old[c]!;
      cells[2 * i + 1] = old[c + 1]!;
    }
  }
}
