import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * RFC 6238 TOTP as authenticator apps compute it (HMAC-SHA-1, 6 digits, 30 s steps), and RFC
 * 4226 HOTP under it. Pure: time comes in as epoch milliseconds, so tests pin it.
 */

/** Seconds per time step (RFC 6238 `X`). */
export const TOTP_PERIOD_SECONDS = 30;
/** Digits of a code. */
export const TOTP_DIGITS = 6;
/** Steps accepted either side of now, for clock drift and a code typed at a step's end. */
export const TOTP_WINDOW = 1;

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/**
 * Decodes an RFC 4648 base32 secret (as Cognito's `SecretCode` and `otpauth://` URIs carry
 * it); case, spaces and padding are forgiven, any other character is an error.
 */
export function base32Decode(text: string): Buffer {
  const clean = text.replace(/[\s=]/g, '').toUpperCase();
  const bytes: number[] = [];
  let value = 0;
  let bits = 0;
  for (const char of clean) {
    const index = BASE32.indexOf(char);
    if (index < 0) throw new Error('not a base32 string');
    value = ((value << 5) | index) & 0xffff;
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      bytes.push((value >>> bits) & 0xff);
    }
  }
  return Buffer.from(bytes);
}

/** The time step (RFC 6238 `T`) that holds an instant. */
export function timeStepAt(epochMs: number, periodSeconds = TOTP_PERIOD_SECONDS): number {
  return Math.floor(epochMs / 1000 / periodSeconds);
}

/** RFC 4226 HOTP: dynamic truncation of HMAC-SHA-1 over the 8-byte big-endian counter. */
export function hotp(key: Uint8Array, counter: number, digits = TOTP_DIGITS): string {
  if (!Number.isSafeInteger(counter) || counter < 0) throw new Error('counter out of range');
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(counter));
  const digest = createHmac('sha1', key).update(message).digest();
  const offset = digest[digest.length - 1]! & 0x0f;
  const binary = digest.readUInt32BE(offset) & 0x7fffffff;
  return String(binary % 10 ** digits).padStart(digits, '0');
}

/** The code an authenticator app shows at `epochMs`. */
export function totpAt(key: Uint8Array, epochMs: number, digits = TOTP_DIGITS): string {
  return hotp(key, timeStepAt(epochMs), digits);
}

/**
 * The time step whose code `code` is, among `now ± window` steps; undefined when none. Every
 * step of the window is computed and compared in constant time, without stopping at a match,
 * so the answer's timing says nothing about which digits or which step were right. When two
 * steps share the code (one chance in a million) the later one wins, which is the one a
 * replay guard must remember.
 */
export function matchTotp(
  key: Uint8Array,
  code: string,
  epochMs: number,
  window = TOTP_WINDOW,
): number | undefined {
  const given = Buffer.from(code.padEnd(TOTP_DIGITS, '\0').slice(0, TOTP_DIGITS), 'utf8');
  const wellFormed = code.length === TOTP_DIGITS && /^[0-9]+$/.test(code);
  const now = timeStepAt(epochMs);
  let matched: number | undefined;
  for (let step = now - window; step <= now + window; step += 1) {
    if (step < 0) continue;
    const expected = Buffer.from(hotp(key, step), 'utf8');
    const equal = given.length === expected.length && timingSafeEqual(given, expected);
    if (equal && wellFormed) matched = step;
  }
  return matched;
}
