import { randomBytes } from 'node:crypto';

/**
 * RFC 9562 UUID version 7: 48 bits of Unix milliseconds, then randomness. Order, ledger,
 * withdrawal and command ids sort by creation time, so `ORDER#<id>` sort keys list orders
 * newest first and a time range becomes a key range ({@link idTimeBound}).
 */
export function uuidV7(nowMs: number): string {
  const bytes = randomBytes(16);
  bytes.writeUIntBE(nowMs, 0, 6);
  bytes[6] = 0x70 | (bytes[6]! & 0x0f);
  bytes[8] = 0x80 | (bytes[8]! & 0x3f);
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * A string that sorts before every UUIDv7 minted at or after `ms` (`lower`) or after every one
 * minted at or before `ms` (`upper`): the time prefix `tttttttt-tttt`, then nothing or `~`.
 */
export function idTimeBound(ms: number, side: 'lower' | 'upper'): string {
  const clamped = Math.min(Math.max(0, Math.floor(ms)), 2 ** 48 - 1);
  const hex = clamped.toString(16).padStart(12, '0');
  const prefix = `${hex.slice(0, 8)}-${hex.slice(8)}`;
  return side === 'lower' ? prefix : `${prefix}~`;
}

/** The creation time encoded in a UUIDv7, epoch ms. */
export function uuidV7Time(id: string): number {
  return Number.parseInt(id.slice(0, 8) + id.slice(9, 13), 16);
}
