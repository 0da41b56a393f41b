import { afterEach, describe, expect, it, vi } from 'vitest';
import { checkHealth, PROBE_TIMEOUT_MS } from '../../../functions/meta/check-health';
import type { Clock, DependencyProbe } from '../../../functions/meta/ports';
import { dependencyNames } from '../../../shared/contracts/meta';

/** A clock whose monotonic time moves only when a test moves it. */
function manualClock() {
  const clock = { t: 0, monotonicMs: () => clock.t, now: () => new Date('2026-11-24T10:00:00Z') };
  return clock satisfies Clock;
}

const up = (name: DependencyProbe['name']): DependencyProbe => ({
  name,
  check: async () => undefined,
});

afterEach(() => {
  vi.useRealTimers();
});

describe('checkHealth', () => {
  it('reports a probe that never answers as down once its time runs out', async () => {
    vi.useFakeTimers();
    const hung: DependencyProbe = { name: 'cognito', check: () => new Promise(() => undefined) };

    const checking = checkHealth([hung], manualClock(), 'v1');
    await vi.advanceTimersByTimeAsync(PROBE_TIMEOUT_MS);
    const health = await checking;

    expect(health.dependencies.cognito).toEqual({
      status: 'down',
      latency_ms: 0,
      detail: `no answer within ${PROBE_TIMEOUT_MS} ms`,
    });
  });

  it('reports ok with each dependency up and its latency', async () => {
    const health = await checkHealth(dependencyNames.map(up), manualClock(), 'v1');

    expect(health.status).toBe('ok');
    expect(health.version).toBe('v1');
    expect(health.checked_at).toBe('2026-11-24T10:00:00.000Z');
    for (const name of dependencyNames) {
      expect(health.dependencies[name]).toEqual({ status: 'up', latency_ms: 0 });
    }
  });

  it('measures how long a probe took', async () => {
    const clock = manualClock();
    const slow: DependencyProbe = {
      name: 'sqs',
      check: async () => {
        clock.t += 12.4;
        return 'reachable';
      },
    };

    const health = await checkHealth([slow], clock, 'v1');

    expect(health.dependencies.sqs).toEqual({ status: 'up', latency_ms: 12, detail: 'reachable' });
  });

  it('reports degraded and the reason when one dependency fails', async () => {
    const probes = dependencyNames.map((name) =>
      name === 'kms'
        ? {
            name,
            check: async () => {
              throw new Error('connect ECONNREFUSED');
            },
          }
        : up(name),
    );

    const health = await checkHealth(probes, manualClock(), 'v1');

    expect(health.status).toBe('degraded');
    expect(health.dependencies.kms).toMatchObject({
      status: 'down',
      detail: 'connect ECONNREFUSED',
    });
    expect(health.dependencies.sqs.status).toBe('up');
  });

  it('counts a dependency without a probe as down', async () => {
    const health = await checkHealth([up('dynamodb')], manualClock(), 'v1');

    expect(health.status).toBe('degraded');
    expect(health.dependencies.matching).toMatchObject({
      status: 'down',
      detail: 'not configured',
    });
  });
});
