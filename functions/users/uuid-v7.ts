import { randomBytes } from 'node:crypto';
import type { IdGenerator } from './ports';

let lastMs = -1;
let counter = 0;

/**
 * RFC 9562 UUID version 7: 48 bits of Unix milliseconds, a 12-bit counter (method 1 of §6.2,
 * so ids minted in one millisecond by this process still increase), then randomness. Ids minted
 * later sort later, so sessions and activity list newest first straight from their sort keys.
 */
export function uuidV7(nowMs: number = Date.now()): string {
  if (nowMs > lastMs) {
    lastMs = nowMs;
    counter = randomBytes(2).readUInt16BE(0) & 0x3ff;
  } else {
    counter += 1;
    if (counter > 0xfff) {
      lastMs += 1;
      counter = 0;
    }
  }
  const bytes = randomBytes(16);
  bytes.writeUIntBE(lastMs, 0, 6);
  bytes[6] = 0x70 | (counter >> 8);
  bytes[7] = counter & 0xff;
  bytes[8] = 0x80 | (bytes[8]! & 0x3f);
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export const uuidV7Generator: IdGenerator = { uuid: () => uuidV7() };
