import { afterEach, describe, expect, it, vi } from 'vitest';
import { raceTimeout, TIMED_OUT } from '../../../shared/async/race-timeout';

afterEach(() => {
  vi.useRealTimers();
});

describe('raceTimeout', () => {
  it('answers the value of a promise that settles in time and leaves no timer behind', async () => {
    vi.useFakeTimers();

    const answer = await raceTimeout(Promise.resolve('up'), 1_000);

    expect(answer).toBe('up');
    expect(vi.getTimerCount()).toBe(0);
  });

  it('answers TIMED_OUT once the time runs out first', async () => {
    vi.useFakeTimers();
    const racing = raceTimeout(new Promise<string>(() => undefined), 1_000);

    await vi.advanceTimersByTimeAsync(1_000);

    await expect(racing).resolves.toBe(TIMED_OUT);
  });

  it('passes a rejection through', async () => {
    await expect(raceTimeout(Promise.reject(new Error('down')), 1_000)).rejects.toThrow('down');
  });

  it('treats a deadline already past as no time at all', async () => {
    vi.useFakeTimers();
    const racing = raceTimeout(new Promise<string>(() => undefined), -50);

    await vi.advanceTimersByTimeAsync(0);

    await expect(racing).resolves.toBe(TIMED_OUT);
  });
});
