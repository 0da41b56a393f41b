import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { randomUUID } from 'node:crypto';
import { createAwsClients } from '../../shared/aws/clients';
import { tradingDocuments, tradingDynamoClient } from '../../shared/aws/dynamo-trading-documents';
import { HEARTBEAT_INTERVAL_MS, matchingMetrics } from '../../shared/contracts/heartbeat';
import { loadConfig } from '../../shared/config/load-config';
import { createLogger } from '../../shared/logging/logger';
import { findShard } from '../../shared/trading/shards';
import { feesAccountOf } from '../../shared/trading/keys';
import { DynamoHeartbeat } from './adapters/dynamo-heartbeat';
import { DynamoJournal } from './adapters/dynamo-journal';
import { DynamoMarketData } from './adapters/dynamo-market-data';
import { SqsCommandSource } from './adapters/sqs-command-source';
import { matchingConfigSchema } from './config';
import { Consumer } from './consumer';
import { createHealthServer } from './health-server';
import { MatchingProcessor } from './processor';
import { DynamoSettlement } from './settlement/dynamo-settlement';
import { SettlementQueue } from './settlement/settler';

/** ECS stops a task with SIGTERM and kills it 30 s later; finish the batch well before. */
const DRAIN_DEADLINE_MS = 25_000;

const config = loadConfig(matchingConfigSchema);
const logger = createLogger('matching');
const clients = createAwsClients();
const money = tradingDocuments(tradingDynamoClient());
const instanceId = config.MATCHING_INSTANCE_ID ?? randomUUID();
const shard = findShard(config.MATCHING_SHARD)!;
const symbols = [...shard.symbols];

const journal = new DynamoJournal(clients.documents, config.JOURNAL_TABLE, instanceId);
const settlement = new SettlementQueue(
  new DynamoSettlement(money, config.TRADING_TABLE, logger, feesAccountOf(shard.id)),
  journal,
  logger,
);
const processor = new MatchingProcessor({
  journal,
  marketData: new DynamoMarketData(money, config.MARKET_DATA_TABLE),
  settlement,
  logger,
  config: {
    defaultStp: config.MATCHING_DEFAULT_STP,
    seenIdCapacity: 100_000,
    recentCommandCapacity: 100_000,
    snapshotEveryRecords: config.MATCHING_SNAPSHOT_EVERY,
    symbols,
  },
});
const consumer = new Consumer(
  new SqsCommandSource(clients.sqs, config.ORDERS_QUEUE_URL, config.MATCHING_VISIBILITY_SECONDS),
  processor,
  logger,
  config.MATCHING_VISIBILITY_SECONDS,
);
const heartbeat = new DynamoHeartbeat(
  clients.documents,
  config.JOURNAL_TABLE,
  { instanceId, shard: shard.id },
  () => new Date(),
);
const stop = new AbortController();
let running = false;

const health = createHealthServer(() => {
  const stats = consumer.stats();
  return {
    healthy: running && !stop.signal.aborted,
    instance_id: instanceId,
    shard: shard.id,
    pid: process.pid,
    commands_processed: stats.commandsProcessed,
    poison_messages: stats.poisonMessages,
    last_poll_at: stats.lastPollAt?.toISOString() ?? null,
    queue_lag_ms: stats.queueLagMs,
    settlement: settlement.stats(),
    ...processor.stats(),
  };
});

const metrics = new Metrics({
  namespace: matchingMetrics.namespace,
  serviceName: 'matching',
  defaultDimensions: { shard: shard.id },
});
let reported = { commands: 0, fenced: 0, applyMs: 0, applied: 0 };
/** Publishes the interval's figures as CloudWatch embedded metrics (one log line). */
const publishMetrics = () => {
  const settled = settlement.stats();
  const commands = consumer.stats().commandsProcessed;
  const { fenced, timing } = processor.stats();
  const applied = timing.commands - reported.applied;
  metrics.addMetric('QueueLag', MetricUnit.Milliseconds, consumer.takeWorstQueueLag());
  if (applied > 0) {
    const perCommandUs = ((timing.applyMs - reported.applyMs) * 1000) / applied;
    metrics.addMetric('MatchLatency', MetricUnit.Microseconds, perCommandUs);
  }
  metrics.addMetric('SettlementLag', MetricUnit.Milliseconds, settled.lagMs);
  metrics.addMetric('SettlementBacklog', MetricUnit.Count, settled.backlog);
  metrics.addMetric('CommandsProcessed', MetricUnit.Count, commands - reported.commands);
  metrics.addMetric('Fenced', MetricUnit.Count, fenced - reported.fenced);
  metrics.publishStoredMetrics();
  reported = { commands, fenced, applyMs: timing.applyMs, applied: timing.commands };
};

const beat = () =>
  heartbeat
    .beat({ commandsProcessed: consumer.stats().commandsProcessed })
    .catch((error: unknown) => logger.warn('heartbeat failed', { error }));

async function main(): Promise<void> {
  await new Promise<void>((done) =>
    health.listen(config.MATCHING_HEALTH_PORT, config.MATCHING_HEALTH_HOST, done),
  );
  await processor.recover(symbols);
  await heartbeat.beat({ commandsProcessed: 0 });
  const beating = setInterval(beat, HEARTBEAT_INTERVAL_MS);
  const measuring = setInterval(publishMetrics, matchingMetrics.intervalMs);
  running = true;
  logger.info('matching service started', {
    instanceId,
    shard: shard.id,
    symbols,
    port: config.MATCHING_HEALTH_PORT,
  });
  await consumer.run(stop.signal);
  await processor.idle();
  const settled = await settlement.idle(Date.now() + DRAIN_DEADLINE_MS - 5_000);
  running = false;
  clearInterval(beating);
  clearInterval(measuring);
  publishMetrics();
  health.close();
  const stats = consumer.stats();
  logger.info('matching service drained', {
    commandsProcessed: stats.commandsProcessed,
    poisonMessages: stats.poisonMessages,
    settlementBacklog: settled ? 0 : settlement.backlog,
  });
}

const shutdown = (signal: string) => {
  logger.info('draining', { signal });
  stop.abort();
  setTimeout(() => {
    logger.error('drain deadline passed; exiting');
    process.exit(1);
  }, DRAIN_DEADLINE_MS).unref();
};
process.once('SIGTERM', () => shutdown('SIGTERM'));
process.once('SIGINT', () => shutdown('SIGINT'));

main().then(
  () => process.exit(0),
  (error: unknown) => {
    logger.error('matching service failed', { error });
    process.exit(1);
  },
);
