import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/** Request headers of a signed API-key request (lower case, as API Gateway hands them over). */
export const API_KEY_HEADERS = {
  key: 'x-api-key',
  timestamp: 'x-api-timestamp',
  signature: 'x-api-signature',
  recvWindow: 'x-api-recv-window',
  contentSha256: 'x-api-content-sha256',
} as const;

export const DEFAULT_RECV_WINDOW_MS = 5_000;
export const MAX_RECV_WINDOW_MS = 60_000;

/** Hex SHA-256 of the empty string: the body hash of a request without a body. */
export const EMPTY_BODY_SHA256 = createHash('sha256').update('').digest('hex');

const HEX_SHA256 = /^[0-9a-f]{64}$/;

/** Lowercase hex SHA-256 of a request body, as a client computes it. */
export const bodySha256 = (body: string | Buffer): string =>
  createHash('sha256').update(body).digest('hex');

/** Whether a string is a lowercase hex SHA-256 digest. */
export const isSha256Hex = (value: string): boolean => HEX_SHA256.test(value);

/** The parts of a request a signature covers. */
export interface SignedParts {
  /** `X-API-Timestamp`, milliseconds since the epoch, as sent. */
  readonly timestamp: string;
  /** `X-API-Recv-Window` as sent; absent or empty when the default window applies. */
  readonly recvWindow?: string | undefined;
  readonly method: string;
  /** The path as requested, including `/api`. */
  readonly path: string;
  /** The raw query string without its `?` (empty when none). */
  readonly rawQuery: string;
  /** Lowercase hex SHA-256 of the body (of the empty string when there is none). */
  readonly bodySha256: string;
}

/**
 * The string to sign: `timestamp + recvWindow + METHOD + path + ("?" + query, or nothing) +
 * sha256hex(body)`, with `recvWindow` the header as sent (nothing when absent; the timestamp's
 * 13 digits keep the two apart). Binding method, path, query and body means a signature can be
 * used for this one request only; binding the window means nobody can stretch it afterwards to
 * get a late or held-back request accepted.
 */
export function stringToSign(parts: SignedParts): string {
  const query = parts.rawQuery === '' ? '' : `?${parts.rawQuery}`;
  const method = parts.method.toUpperCase();
  return `${parts.timestamp}${parts.recvWindow ?? ''}${method}${parts.path}${query}${parts.bodySha256}`;
}

/** Lowercase hex HMAC-SHA256 of the string to sign with the key's secret. */
export function signRequest(secret: string | Buffer, parts: SignedParts): string {
  return createHmac('sha256', secret).update(stringToSign(parts)).digest('hex');
}

/**
 * Constant-time comparison of a presented signature with the expected one: the time taken
 * never depends on where the first differing character is, only on the expected length.
 */
export function signaturesMatch(expectedHex: string, presented: string): boolean {
  const expected = Buffer.from(expectedHex, 'utf8');
  const given = Buffer.from(presented.toLowerCase(), 'utf8');
  if (given.length !== expected.length) {
    timingSafeEqual(expected, expected);
    return false;
  }
  return timingSafeEqual(expected, given);
}

/** `X-API-Recv-Window` as milliseconds, or undefined when it is not a whole number in range. */
export function parseRecvWindow(raw: string | undefined): number | undefined {
  if (raw === undefined || raw === '') return DEFAULT_RECV_WINDOW_MS;
  if (!/^\d{1,6}$/.test(raw)) return undefined;
  const value = Number(raw);
  return value >= 1 && value <= MAX_RECV_WINDOW_MS ? value : undefined;
}

/** `X-API-Timestamp` as milliseconds, or undefined when it is not a plausible integer. */
export function parseTimestamp(raw: string | undefined): number | undefined {
  if (raw === undefined || !/^\d{13}$/.test(raw)) return undefined;
  return Number(raw);
}
