import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { matchingMetrics } from '../../shared/contracts/heartbeat';

/** Running totals since the process started; each interval reports their growth. */
export interface MatchingTotals {
  readonly commands: number;
  readonly fenced: number;
  /** Time spent applying commands to books, ms. */
  readonly applyMs: number;
  /** Commands `applyMs` covers. */
  readonly applied: number;
  /** Engine exceptions (broken invariants); each dropped a book and acknowledged nothing. */
  readonly applyFailures: number;
}

/** One interval's reading: the totals, plus gauges that stand on their own. */
export interface MatchingSample extends MatchingTotals {
  /** Longest a message received this interval had waited in the queue, ms. */
  readonly worstQueueLagMs: number;
  readonly settlementLagMs: number;
  readonly settlementBacklog: number;
}

/**
 * The service's Powertools `Metrics`: namespace of {@link matchingMetrics}, dimensions
 * `service=matching` and `shard=<shardId>`, which the matching stack's alarms select on.
 */
export function createMatchingMetrics(shardId: string): Metrics {
  return new Metrics({
    namespace: matchingMetrics.namespace,
    serviceName: 'matching',
    defaultDimensions: { shard: shardId },
  });
}

/**
 * Adds one interval's metrics to `metrics` (not yet published): counters as the growth since
 * `previous`, `MatchLatency` as the mean per command applied in the interval (none when no
 * command was). Answers the totals the next interval counts from.
 */
export function addIntervalMetrics(
  metrics: Metrics,
  sample: MatchingSample,
  previous: MatchingTotals,
): MatchingTotals {
  const applied = sample.applied - previous.applied;
  metrics.addMetric('QueueLag', MetricUnit.Milliseconds, sample.worstQueueLagMs);
  if (applied > 0) {
    const perCommandUs = ((sample.applyMs - previous.applyMs) * 1000) / applied;
    metrics.addMetric('MatchLatency', MetricUnit.Microseconds, perCommandUs);
  }
  metrics.addMetric('SettlementLag', MetricUnit.Milliseconds, sample.settlementLagMs);
  metrics.addMetric('SettlementBacklog', MetricUnit.Count, sample.settlementBacklog);
  metrics.addMetric('CommandsProcessed', MetricUnit.Count, sample.commands - previous.commands);
  metrics.addMetric('Fenced', MetricUnit.Count, sample.fenced - previous.fenced);
  const failures = sample.applyFailures - previous.applyFailures;
  metrics.addMetric('ApplyFailures', MetricUnit.Count, failures);
  const { commands, fenced, applyMs, applyFailures } = sample;
  return { commands, fenced, applyMs, applied: sample.applied, applyFailures };
}

/**
 * A function that publishes one interval's figures, read from `sample` when called, as one
 * CloudWatch embedded-metric log line; the service calls it every interval and once on drain.
 */
export function intervalPublisher(metrics: Metrics, sample: () => MatchingSample): () => void {
  let reported: MatchingTotals = {
    commands: 0,
    fenced: 0,
    applyMs: 0,
    applied: 0,
    applyFailures: 0,
  };
  return () => {
    reported = addIntervalMetrics(metrics, sample(), reported);
    metrics.publishStoredMetrics();
  };
}
