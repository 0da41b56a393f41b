import { createHash } from 'node:crypto';
import { RateLimitExceededError } from '../../shared/domain/errors';
import type { Clock, ThrottleAction, ThrottleCounter, ThrottleStore } from './ports';

/**
 * How one bucket slows an attacker down: the first `freeFailures` cost nothing; each further
 * failure doubles the wait from `baseDelaySeconds` up to `maxDelaySeconds`; after
 * `resetAfterSeconds` without a failure the bucket is forgotten. Nothing is ever permanent.
 */
export interface BucketPolicy {
  readonly freeFailures: number;
  readonly baseDelaySeconds: number;
  readonly maxDelaySeconds: number;
  readonly resetAfterSeconds: number;
}

/**
 * Two buckets per attempt. `pair` is (email, IP): it stops guessing one account's password from
 * one address without locking the owner out anywhere else. `ip` is the address alone, with a
 * far larger allowance: it stops one address spraying many accounts. There is deliberately no
 * bucket per email alone — that would let anyone lock any account out.
 */
export interface ThrottlePolicies {
  readonly pair: BucketPolicy;
  readonly ip: BucketPolicy;
}

export const defaultThrottlePolicies: ThrottlePolicies = {
  pair: { freeFailures: 3, baseDelaySeconds: 1, maxDelaySeconds: 900, resetAfterSeconds: 3600 },
  ip: { freeFailures: 30, baseDelaySeconds: 1, maxDelaySeconds: 900, resetAfterSeconds: 3600 },
};

/** Seconds a bucket with `failures` must wait after its latest failure. */
export function delaySeconds(failures: number, policy: BucketPolicy): number {
  const excess = failures - policy.freeFailures;
  if (excess <= 0) return 0;
  return Math.min(policy.baseDelaySeconds * 2 ** (excess - 1), policy.maxDelaySeconds);
}

const digest = (value: string): string => createHash('sha256').update(value).digest('hex');

/** Bucket keys hold hashes, so the RateLimits table never stores an email address. */
export function throttleKeys(action: ThrottleAction, email: string, ip: string) {
  return {
    pair: `THROTTLE#${action}#PAIR#${digest(`${email.toLowerCase()}|${ip}`)}`,
    ip: `THROTTLE#${action}#IP#${digest(ip)}`,
  };
}

/** What `check` counted: handed back to `passed` or `succeeded` to uncount it exactly. */
export interface AttemptReceipt {
  readonly atMs: number;
  /** Each bucket's latest failure before this attempt stamped it (undefined: none). */
  readonly pairBefore: number | undefined;
  readonly ipBefore: number | undefined;
}

/**
 * Guards attempts that can be guessed: password sign-ins, TOTP answers and mailed codes. An
 * attempt is counted as a failure in both buckets when it is checked, before it is made, with
 * conditional writes on the counts it was judged by (past each bucket's free failures), so
 * concurrent guesses cannot all pass one read of the counters. An attempt that did not fail
 * is given back with its receipt, restoring the buckets' previous failure times and expiries,
 * so a success neither restarts anyone's wait nor keeps a bucket alive. Giving back never
 * throws (see `bestEffort`).
 */
export interface AttemptThrottle {
  /**
   * Throws RATE_LIMIT_EXCEEDED with `retry_after` while either bucket must wait; otherwise
   * counts the attempt (a failure until `passed` or `succeeded` says otherwise).
   */
  check(action: ThrottleAction, email: string, ip: string): Promise<AttemptReceipt>;
  /** The checked attempt did not fail (a right password that now needs its code): uncounted. */
  passed(action: ThrottleAction, email: string, ip: string, receipt: AttemptReceipt): Promise<void>;
  /**
   * The checked attempt succeeded: clears the (email, IP) bucket and gives the attempt back to
   * the IP bucket (a valid account must not reset its IP's failures).
   */
  succeeded(
    action: ThrottleAction,
    email: string,
    ip: string,
    receipt: AttemptReceipt,
  ): Promise<void>;
  /** Clears the (email, IP) bucket of an action proven another way (a password reset). */
  clearPair(action: ThrottleAction, email: string, ip: string): Promise<void>;
}

/**
 * Settles the bookkeeping after an attempt's outcome without ever throwing: it runs after a
 * success has taken effect (a password set, an account confirmed), which an error here must
 * not leave half done. A write that fails leaves a counted failure, which expires with its
 * bucket.
 */
const bestEffort = async (writes: readonly Promise<unknown>[]): Promise<void> => {
  await Promise.allSettled(writes);
};

/** Conditional counts lost to concurrent attempts before one is refused as too many at once. */
const RESERVE_ATTEMPTS = 5;

export function attemptThrottle(
  store: ThrottleStore,
  clock: Clock,
  policies: ThrottlePolicies = defaultThrottlePolicies,
): AttemptThrottle {
  const waitOf = (counter: ThrottleCounter | undefined, policy: BucketPolicy, nowMs: number) => {
    if (counter === undefined) return 0;
    const until = counter.lastFailureMs + delaySeconds(counter.failures, policy) * 1000;
    return Math.max(0, Math.ceil((until - nowMs) / 1000));
  };
  const pairReset = policies.pair.resetAfterSeconds;
  const ipReset = policies.ip.resetAfterSeconds;
  return {
    async check(action, email, ip) {
      const keys = throttleKeys(action, email, ip);
      for (let attempt = 0; attempt < RESERVE_ATTEMPTS; attempt += 1) {
        const nowMs = clock.now().getTime();
        const counters = await store.read([keys.pair, keys.ip], nowMs);
        const pair = counters.get(keys.pair);
        const address = counters.get(keys.ip);
        const wait = Math.max(
          waitOf(pair, policies.pair, nowMs),
          waitOf(address, policies.ip, nowMs),
        );
        if (wait > 0) {
          throw new RateLimitExceededError(
            `Too many failed attempts; try again in ${wait} s`,
            wait,
          );
        }
        const { ip: ipPolicy, pair: pairPolicy } = policies;
        const counted = (key: string, seen: ThrottleCounter | undefined, policy: BucketPolicy) =>
          store.reserve(key, nowMs, policy.resetAfterSeconds, seen, policy.freeFailures);
        if (!(await counted(keys.ip, address, ipPolicy))) continue;
        if (await counted(keys.pair, pair, pairPolicy)) {
          return { atMs: nowMs, pairBefore: pair?.lastFailureMs, ipBefore: address?.lastFailureMs };
        }
        await store.giveBack(
          keys.ip,
          nowMs,
          nowMs,
          address?.lastFailureMs,
          ipPolicy.resetAfterSeconds,
        );
      }
      throw new RateLimitExceededError('Too many attempts at once; try again in 1 s', 1);
    },
    async passed(action, email, ip, receipt) {
      const keys = throttleKeys(action, email, ip);
      const nowMs = clock.now().getTime();
      await bestEffort([
        store.giveBack(keys.pair, nowMs, receipt.atMs, receipt.pairBefore, pairReset),
        store.giveBack(keys.ip, nowMs, receipt.atMs, receipt.ipBefore, ipReset),
      ]);
    },
    async succeeded(action, email, ip, receipt) {
      const keys = throttleKeys(action, email, ip);
      const nowMs = clock.now().getTime();
      await bestEffort([
        store.clear(keys.pair),
        store.giveBack(keys.ip, nowMs, receipt.atMs, receipt.ipBefore, ipReset),
      ]);
    },
    async clearPair(action, email, ip) {
      await bestEffort([store.clear(throttleKeys(action, email, ip).pair)]);
    },
  };
}
