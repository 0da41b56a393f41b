const TWO_32 = 0x1_0000_0000;

/**
 * FNV-1a 64-bit in pure JS, kept as two unsigned 32-bit halves (multiplying by the FNV prime
 * 2^40 + 0x1b3 is `x·0x1b3 + (lo << 8)` in the high word). Deterministic across platforms, no
 * bigint, no crypto API.
 */
export class Fnv64 {
  private hi = 0xcbf29ce4;
  private lo = 0x84222325;

  /** Mixes one byte. */
  byte(value: number): this {
    const lo = (this.lo ^ (value & 0xff)) >>> 0;
    const loMul = lo * 0x1b3;
    const hiMul = this.hi * 0x1b3 + ((lo << 8) >>> 0) + Math.floor(loMul / TWO_32);
    this.lo = loMul >>> 0;
    this.hi = hiMul >>> 0;
    return this;
  }

  /** Mixes a non-negative safe integer as 8 little-endian bytes. */
  uint(value: number): this {
    const lo = value >>> 0;
    const hi = Math.floor(value / TWO_32) >>> 0;
    for (let i = 0; i < 32; i += 8) this.byte(lo >>> i);
    for (let i = 0; i < 32; i += 8) this.byte(hi >>> i);
    return this;
  }

  /** Mixes a string as its length then its UTF-16 code units, so concatenations differ. */
  text(value: string): this {
    this.uint(value.length);
    for (let i = 0; i < value.length; i++) {
      const unit = value.charCodeAt(i);
      this.byte(unit);
      this.byte(unit >>> 8);
    }
    return this;
  }

  /** The 64-bit digest as 16 hex digits. */
  hex(): string {
    return this.hi.toString(16).padStart(8, '0') + this.lo.toString(16).padStart(8, '0');
  }
}
