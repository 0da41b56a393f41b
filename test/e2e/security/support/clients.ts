import { randomInt, randomUUID } from 'node:crypto';
import { call, type ApiAnswer } from '../../../support/http';
import { api } from '../../api-keys/support/signed-client';

/** A fresh simulated client address (198.18.0.0/15, reserved for tests) per call. */
export const freshIp = (): string => `198.18.${randomInt(0, 256)}.${randomInt(1, 255)}`;

/** One request as an attacker sends it: any method, headers, raw body. */
export function attack(
  method: string,
  path: string,
  options: { token?: string; body?: string; headers?: Record<string, string>; ip?: string } = {},
): Promise<ApiAnswer> {
  return call(`${api()}${path}`, {
    method,
    headers: {
      ...(options.token === undefined ? {} : { authorization: `Bearer ${options.token}` }),
      ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(options.ip === undefined ? {} : { 'x-forwarded-for': options.ip }),
      ...options.headers,
    },
    ...(options.body === undefined ? {} : { body: options.body }),
  });
}

/** A path template with its parameters filled by placeholders (`{id}` → a random UUID). */
export const fillPath = (template: string): string =>
  template
    .replace(/\{id\}/g, randomUUID())
    .replace(/\{asset\}/g, 'BTC')
    .replace(/\{symbol\}/g, 'BTCUSDT')
    .replace(/\{[^}]+\}/g, 'x');

/** Waits until at least `seconds` remain in the current minute, so a per-minute window holds. */
export async function awaitFreshMinute(seconds: number): Promise<void> {
  const left = 60_000 - (Date.now() % 60_000);
  if (left < seconds * 1000) await new Promise((done) => setTimeout(done, left + 50));
}
