import type { ThrottleCounter, ThrottleStore } from '../../../../functions/users/ports';

/** Failure counters with the same expiry rules as the DynamoDB adapter. */
export class InMemoryThrottles implements ThrottleStore {
  readonly counters = new Map<string, ThrottleCounter & { expiresMs: number }>();
  readonly claims = new Map<string, number>();

  async read(keys: readonly string[], nowMs: number) {
    const found = new Map<string, ThrottleCounter>();
    for (const key of keys) {
      const counter = this.counters.get(key);
      if (counter !== undefined && counter.expiresMs > nowMs) found.set(key, counter);
    }
    return found;
  }

  /** Seeds a past failure, as tests arrange the buckets (not part of the port). */
  async addFailure(key: string, nowMs: number, resetAfterSeconds: number) {
    const current = this.counters.get(key);
    const failures = current !== undefined && current.expiresMs > nowMs ? current.failures + 1 : 1;
    this.counters.set(key, {
      failures,
      lastFailureMs: nowMs,
      expiresMs: nowMs + resetAfterSeconds * 1000,
    });
  }

  async reserve(
    key: string,
    nowMs: number,
    resetAfterSeconds: number,
    seen: ThrottleCounter | undefined,
    free: number,
  ) {
    const held = this.counters.get(key);
    const current = held !== undefined && held.expiresMs > nowMs ? held : undefined;
    const allowed =
      seen === undefined
        ? current === undefined
        : current !== undefined &&
          (current.failures < free ||
            (current.failures === seen.failures && current.lastFailureMs === seen.lastFailureMs));
    if (!allowed) return false;
    this.counters.set(key, {
      failures: (current?.failures ?? 0) + 1,
      lastFailureMs: nowMs,
      expiresMs: nowMs + resetAfterSeconds * 1000,
    });
    return true;
  }

  async giveBack(
    key: string,
    nowMs: number,
    stampedAt: number,
    previousAt: number | undefined,
    resetAfterSeconds: number,
  ) {
    const current = this.counters.get(key);
    if (current === undefined || current.expiresMs <= nowMs || current.failures <= 0) return;
    const failures = current.failures - 1;
    if (current.lastFailureMs !== stampedAt) {
      this.counters.set(key, { ...current, failures });
      return;
    }
    const expiresMs = previousAt === undefined ? nowMs : previousAt + resetAfterSeconds * 1000;
    this.counters.set(key, { failures, lastFailureMs: previousAt ?? 0, expiresMs });
  }

  async clear(key: string) {
    this.counters.delete(key);
  }

  async claimOnce(key: string, nowMs: number, windowSeconds: number) {
    const until = this.claims.get(key);
    if (until !== undefined && until > nowMs) return false;
    this.claims.set(key, nowMs + windowSeconds * 1000);
    return true;
  }
}
