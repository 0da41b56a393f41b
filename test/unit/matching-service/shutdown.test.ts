import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  drain,
  shutdownPlan,
  STOP_TIMEOUT_MS,
  type DrainOutcome,
} from '../../../matching-service/src/shutdown';

const after = (ms: number) => new Promise<void>((done) => setTimeout(done, ms));

/** Settlement as `SettlementQueue.idle` behaves: done at `doneAt`, or gives up at the deadline. */
const settlingUntil =
  (doneAt: number, asked: number[]) =>
  async (deadlineMs: number): Promise<boolean> => {
    asked.push(deadlineMs);
    await after(Math.min(doneAt, deadlineMs) - Date.now());
    return doneAt <= deadlineMs;
  };

/** The drain's outcome and the (fake) time it was over. */
const timed = (outcome: Promise<DrainOutcome>) =>
  outcome.then((result) => ({ result, at: Date.now() }));

describe('shutdownPlan', () => {
  it('ends the drain before the forced exit, and both before ECS kills the task', () => {
    const plan = shutdownPlan(1_000_000);

    expect(plan.startedAt).toBe(1_000_000);
    expect(plan.drainBy).toBeGreaterThan(plan.startedAt);
    expect(plan.forceExitAt).toBeGreaterThanOrEqual(plan.drainBy + 5_000);
    expect(plan.forceExitAt).toBeLessThan(plan.startedAt + STOP_TIMEOUT_MS);
  });
});

describe('drain', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: 0 });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('gives settlement the deadline of the signal, however long publishing took', async () => {
    const plan = shutdownPlan(0);
    const asked: number[] = [];

    const outcome = timed(
      drain(plan, {
        published: () => after(6_000),
        settled: settlingUntil(Number.POSITIVE_INFINITY, asked),
      }),
    );
    await vi.advanceTimersByTimeAsync(plan.forceExitAt);

    expect(asked).toEqual([plan.drainBy]);
    await expect(outcome).resolves.toEqual({
      result: { published: true, settled: false },
      at: plan.drainBy,
    });
  });

  it('is over by the deadline when publishing never finishes', async () => {
    const plan = shutdownPlan(0);

    const outcome = timed(
      drain(plan, {
        published: () => new Promise<void>(() => {}),
        settled: async () => true,
      }),
    );
    await vi.advanceTimersByTimeAsync(plan.forceExitAt);

    await expect(outcome).resolves.toEqual({
      result: { published: false, settled: true },
      at: plan.drainBy,
    });
  });

  it('reports both steps done when they finish in time', async () => {
    const plan = shutdownPlan(0);

    const outcome = timed(
      drain(plan, {
        published: () => after(1_000),
        settled: settlingUntil(3_000, []),
      }),
    );
    await vi.advanceTimersByTimeAsync(plan.forceExitAt);

    await expect(outcome).resolves.toEqual({
      result: { published: true, settled: true },
      at: 3_000,
    });
  });
});
