import { describe, expect, it } from 'vitest';
import {
  attemptThrottle,
  defaultThrottlePolicies,
  delaySeconds,
  throttleKeys,
} from '../../../functions/users/attempt-throttle';
import { RateLimitExceededError } from '../../../shared/domain/errors';
import { InMemoryThrottles } from './fakes/in-memory-throttles';
import { ManualClock } from './fakes/world';

const email = 'victim@example.com';
const attacker = '198.51.100.1';

const setup = () => {
  const clock = new ManualClock();
  const store = new InMemoryThrottles();
  return { clock, store, throttle: attemptThrottle(store, clock) };
};

/** A past failed attempt, as the buckets hold it. */
const failed = (store: InMemoryThrottles, clock: ManualClock, address: string, ip: string) => {
  const keys = throttleKeys('login', address, ip);
  const nowMs = clock.now().getTime();
  void store.addFailure(keys.pair, nowMs, 3600);
  void store.addFailure(keys.ip, nowMs, 3600);
};

const retryAfterOf = async (promise: Promise<unknown>): Promise<number> => {
  try {
    await promise;
    return 0;
  } catch (error) {
    if (error instanceof RateLimitExceededError) return error.retryAfterSeconds;
    throw error;
  }
};

describe('delaySeconds', () => {
  it('is free for the first failures, then doubles up to the cap', () => {
    const pair = defaultThrottlePolicies.pair;
    const delays = [1, 2, 3, 4, 5, 6, 20].map((n) => delaySeconds(n, pair));

    expect(delays).toEqual([0, 0, 0, 1, 2, 4, 900]);
  });
});

describe('attemptThrottle', () => {
  it('counts each checked attempt, lets the free ones through, then asks for a growing wait', async () => {
    const { clock, throttle } = setup();
    for (let i = 0; i < 4; i += 1) await throttle.check('login', email, attacker);

    const first = await retryAfterOf(throttle.check('login', email, attacker));
    clock.advance(first * 1000);
    await throttle.check('login', email, attacker);
    const second = await retryAfterOf(throttle.check('login', email, attacker));

    expect(first).toBe(1);
    expect(second).toBe(2);
  });

  it('lets through no more concurrent guesses than sequential ones', async () => {
    const { throttle } = setup();

    const outcomes = await Promise.allSettled(
      Array.from({ length: 20 }, () => throttle.check('login', email, attacker)),
    );

    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(4);
    expect(
      outcomes.filter((o) => o.status === 'rejected' && o.reason instanceof RateLimitExceededError),
    ).toHaveLength(16);
  });

  it('lets no more concurrent guesses at many accounts from one address through than sequential ones', async () => {
    const { throttle } = setup();

    const outcomes = await Promise.allSettled(
      Array.from({ length: 60 }, (_, i) =>
        throttle.check('login', `user${i}@example.com`, attacker),
      ),
    );

    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(31);
  });

  it("restores the buckets' wait when an attempt gives its count back", async () => {
    const { clock, store, throttle } = setup();
    for (let i = 0; i < 35; i += 1) failed(store, clock, `sprayed${i}@example.com`, attacker);
    const wait = await retryAfterOf(throttle.check('login', email, attacker));
    clock.advance(wait * 1000);

    const receipt = await throttle.check('login', email, attacker);
    await throttle.succeeded('login', email, attacker, receipt);
    clock.advance(1000);
    const other = throttle.check('login', 'other@example.com', attacker);

    expect(wait).toBeGreaterThan(1);
    await expect(other).resolves.toBeDefined();
  });

  it('refuses with RATE_LIMIT_EXCEEDED and a retry_after while waiting', async () => {
    const { clock, store, throttle } = setup();
    for (let i = 0; i < 4; i += 1) failed(store, clock, email, attacker);

    await expect(throttle.check('login', email, attacker)).rejects.toThrow(RateLimitExceededError);
  });

  it('never locks the owner out from another address', async () => {
    const { clock, store, throttle } = setup();
    for (let i = 0; i < 10; i += 1) failed(store, clock, email, attacker);

    await expect(throttle.check('login', email, '192.0.2.50')).resolves.toBeDefined();
  });

  it('slows one address spraying many accounts', async () => {
    const { clock, store, throttle } = setup();
    for (let i = 0; i < 31; i += 1) failed(store, clock, `user${i}@example.com`, attacker);

    await expect(throttle.check('login', 'fresh@example.com', attacker)).rejects.toThrow(
      RateLimitExceededError,
    );
  });

  it('forgets a bucket after an hour without failures', async () => {
    const { clock, store, throttle } = setup();
    for (let i = 0; i < 8; i += 1) failed(store, clock, email, attacker);
    clock.advance(3601 * 1000);

    await expect(throttle.check('login', email, attacker)).resolves.toBeDefined();
  });

  it('gives back an attempt that did not fail', async () => {
    const { store, throttle } = setup();
    const receipt = await throttle.check('login', email, attacker);
    await throttle.passed('login', email, attacker, receipt);
    const keys = throttleKeys('login', email, attacker);

    expect(store.counters.get(keys.pair)?.failures).toBe(0);
    expect(store.counters.get(keys.ip)?.failures).toBe(0);
  });

  it('on success clears the (email, IP) bucket and gives the attempt back to the IP one', async () => {
    const { clock, store, throttle } = setup();
    failed(store, clock, 'other@example.com', attacker);
    const receipt = await throttle.check('login', email, attacker);
    await throttle.succeeded('login', email, attacker, receipt);
    const keys = throttleKeys('login', email, attacker);

    expect(store.counters.has(keys.pair)).toBe(false);
    expect(store.counters.get(keys.ip)?.failures).toBe(1);
  });

  it('keeps email addresses out of the bucket keys', () => {
    const keys = throttleKeys('login', email, attacker);

    expect(JSON.stringify(keys)).not.toContain('victim');
  });
});
