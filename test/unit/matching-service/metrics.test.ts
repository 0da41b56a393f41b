import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  addIntervalMetrics,
  createMatchingMetrics,
  intervalPublisher,
  type MatchingSample,
  type MatchingTotals,
} from '../../../matching-service/src/metrics';

const zero: MatchingTotals = { commands: 0, fenced: 0, applyMs: 0, applied: 0, applyFailures: 0 };

const sample = (overrides: Partial<MatchingSample> = {}): MatchingSample => ({
  commands: 120,
  fenced: 1,
  applyMs: 6,
  applied: 120,
  applyFailures: 0,
  worstQueueLagMs: 850,
  settlementLagMs: 40,
  settlementBacklog: 3,
  ...overrides,
});

interface EmfLine {
  _aws: {
    CloudWatchMetrics: { Namespace: string; Dimensions: string[][]; Metrics: { Name: string }[] }[];
  };
  [key: string]: unknown;
}

/** The EMF lines the code under test writes to stdout. */
function captureStdout(): EmfLine[] {
  const lines: EmfLine[] = [];
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    for (const line of String(chunk).split('\n')) {
      if (line.startsWith('{"_aws"')) lines.push(JSON.parse(line) as EmfLine);
    }
    return true;
  });
  return lines;
}

beforeEach(() => {
  vi.stubEnv('POWERTOOLS_METRICS_DISABLED', 'false');
});
afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
});

describe('matching metrics', () => {
  it('publishes every metric of an interval in one EMF line, by service and shard', () => {
    const lines = captureStdout();
    const publish = intervalPublisher(createMatchingMetrics('eth'), () => sample());

    publish();

    expect(lines).toHaveLength(1);
    const [line] = lines;
    const [definition] = line!._aws.CloudWatchMetrics;
    expect(definition!.Namespace).toBe('Exchange');
    expect(definition!.Dimensions).toEqual([['service', 'shard']]);
    expect(definition!.Metrics.map((m) => m.Name)).toEqual(
      expect.arrayContaining(['CommandsProcessed', 'MatchLatency', 'QueueLag', 'SettlementLag']),
    );
    expect(line).toMatchObject({
      service: 'matching',
      shard: 'eth',
      CommandsProcessed: 120,
      MatchLatency: 50,
      QueueLag: 850,
      SettlementLag: 40,
      SettlementBacklog: 3,
      Fenced: 1,
      ApplyFailures: 0,
    });
  });

  it('reports counters as their growth since the previous interval', () => {
    const lines = captureStdout();
    const readings = [
      sample(),
      sample({ commands: 150, fenced: 1, applyMs: 7.5, applied: 150, applyFailures: 2 }),
    ];
    const publish = intervalPublisher(createMatchingMetrics('eth'), () => readings.shift()!);

    publish();
    publish();

    expect(lines[1]).toMatchObject({
      CommandsProcessed: 30,
      Fenced: 0,
      MatchLatency: 50,
      ApplyFailures: 2,
    });
  });

  it('leaves MatchLatency out of an interval that applied no command', () => {
    const metrics = createMatchingMetrics('btc');

    addIntervalMetrics(metrics, sample({ commands: 0, applyMs: 0, applied: 0 }), zero);
    const emf = metrics.serializeMetrics();
    metrics.clearMetrics();

    expect(emf._aws.CloudWatchMetrics[0]!.Metrics.map((m) => m.Name)).not.toContain('MatchLatency');
    expect(emf).toMatchObject({ shard: 'btc', CommandsProcessed: 0, QueueLag: 850 });
  });

  it('answers the totals the next interval counts from', () => {
    const metrics = createMatchingMetrics('eth');

    const next = addIntervalMetrics(metrics, sample(), zero);
    metrics.clearMetrics();

    expect(next).toEqual({ commands: 120, fenced: 1, applyMs: 6, applied: 120, applyFailures: 0 });
  });
});
