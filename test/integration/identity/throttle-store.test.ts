import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { dynamoThrottleStore } from '../../../functions/users/dynamo-throttle-store';
import type { ThrottleStore } from '../../../functions/users/ports';
import { createAwsClients } from '../../../shared/aws/clients';
import { localEnv } from '../../support/local-stack';

let store: ThrottleStore;

/** Counts a failure the way `check` does, with no free-count limit in the way. */
const fail = async (key: string, atMs: number, resetAfterSeconds = 3600) =>
  store.reserve(key, atMs, resetAfterSeconds, (await store.read([key], atMs)).get(key), 1_000);

beforeAll(() => {
  store = dynamoThrottleStore({
    documents: createAwsClients().documents,
    table: localEnv()['RATE_LIMITS_TABLE']!,
  });
});

describe('dynamoThrottleStore', () => {
  it('counts failures and remembers the latest', async () => {
    const key = `THROTTLE#test#${randomUUID()}`;
    const now = Date.now();

    await fail(key, now, 3600);
    await fail(key, now + 1000, 3600);

    expect((await store.read([key], now + 1000)).get(key)).toEqual({
      failures: 2,
      lastFailureMs: now + 1000,
    });
  });

  it('starts again from zero once a counter has been idle past its reset', async () => {
    const key = `THROTTLE#test#${randomUUID()}`;
    const now = Date.now();
    await fail(key, now, 60);
    await fail(key, now, 60);

    const later = now + 61_000;
    expect((await store.read([key], later)).has(key)).toBe(false);
    await fail(key, later, 60);
    expect((await store.read([key], later)).get(key)?.failures).toBe(1);
  });

  it('reserves freely below the free count, then only against the count it was judged by', async () => {
    const key = `THROTTLE#test#${randomUUID()}`;
    const now = Date.now();

    const first = await Promise.all(
      Array.from({ length: 6 }, () => store.reserve(key, now, 3600, undefined, 2)),
    );
    const free = await store.reserve(key, now + 1, 3600, { failures: 0, lastFailureMs: 0 }, 2);
    const seen = (await store.read([key], now + 1)).get(key);
    const stale = await store.reserve(key, now + 2, 3600, { failures: 1, lastFailureMs: now }, 2);
    const exact = await store.reserve(key, now + 3, 3600, seen, 2);

    expect(first.filter(Boolean)).toHaveLength(1);
    expect(free).toBe(true);
    expect(seen).toEqual({ failures: 2, lastFailureMs: now + 1 });
    expect([stale, exact]).toEqual([false, true]);
    expect((await store.read([key], now + 3)).get(key)).toEqual({
      failures: 3,
      lastFailureMs: now + 3,
    });
  });

  it('gives an attempt back, restoring the earlier failure time and expiry while the stamp is its own', async () => {
    const key = `THROTTLE#test#${randomUUID()}`;
    const now = Date.now();
    const later = now + 120_000;
    await fail(key, now, 3600);
    await store.reserve(key, later, 3600, { failures: 1, lastFailureMs: now }, 3);

    await store.giveBack(key, later, later, now, 3600);
    const restored = (await store.read([key], later)).get(key);
    const anHourAfterTheFailure = (await store.read([key], now + 3_601_000)).get(key);
    await store.giveBack(key, later, later, now, 3600);
    await store.giveBack(key, later, later, now, 3600);

    expect(restored).toEqual({ failures: 1, lastFailureMs: now });
    expect(anHourAfterTheFailure).toBeUndefined();
    expect((await store.read([key], later)).get(key)?.failures).toBe(0);
  });

  it('clears a counter', async () => {
    const key = `THROTTLE#test#${randomUUID()}`;
    await fail(key, Date.now(), 60);

    await store.clear(key);

    expect((await store.read([key], Date.now())).size).toBe(0);
  });

  it('grants a claim once per window', async () => {
    const key = `NOTICE#test#${randomUUID()}`;
    const now = Date.now();

    const claims = [
      await store.claimOnce(key, now, 60),
      await store.claimOnce(key, now + 1000, 60),
      await store.claimOnce(key, now + 61_000, 60),
    ];

    expect(claims).toEqual([true, false, true]);
  });
});
