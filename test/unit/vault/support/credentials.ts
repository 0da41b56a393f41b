import { randomBytes } from 'node:crypto';
import type { Caller } from '../../../../functions/keys/ports';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** A random alphanumeric string, as exchanges mint keys and secrets. */
export function alphanumeric(length: number): string {
  return [...randomBytes(length)].map((b) => ALPHABET[b % ALPHABET.length]).join('');
}

export const binanceCredentials = () => ({
  api_key: alphanumeric(64),
  api_secret: alphanumeric(64),
});
export const bybitCredentials = () => ({ api_key: alphanumeric(18), api_secret: alphanumeric(36) });

export function callerFor(userId: string): Caller {
  return { userId, sourceIp: '203.0.113.7', userAgent: 'vitest', requestId: `req-${userId}` };
}
