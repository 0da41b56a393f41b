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
import { createMatchingMetrics, intervalPublisher } from './metrics';
import { MatchingProcessor } from './processor';
import { DynamoSettlement } from './settlement/dynamo-settlement';
import { SettlementQueue } from './settlement/settler';
import { SERVICE_MEMORY } from './symbol-book';
import { drain, shutdownPlan, type ShutdownPlan } from './shutdown';

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
    ...SERVICE_MEMORY,
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
/** Set when the stop signal arrives: every drain deadline counts from then. */
let plan: ShutdownPlan | undefined;
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

/** Publishes the interval's figures as CloudWatch embedded metrics (one log line). */
const publishMetrics = intervalPublisher(createMatchingMetrics(shard.id), () => {
  const settled = settlement.stats();
  const { fenced, timing, apply_failures } = processor.stats();
  return {
    commands: consumer.stats().commandsProcessed,
    fenced,
    applyMs: timing.applyMs,
    applied: timing.commands,
    applyFailures: apply_failures,
    worstQueueLagMs: consumer.takeWorstQueueLag(),
    settlementLagMs: settled.lagMs,
    settlementBacklog: settled.backlog,
  };
});

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
  const drained = await drain(plan ?? shutdownPlan(Date.now()), {
    published: () => processor.idle(),
    settled: (deadlineMs) => settlement.idle(deadlineMs),
  });
  running = false;
  clearInterval(beating);
  clearInterval(measuring);
  publishMetrics();
  health.close();
  const stats = consumer.stats();
  logger.info('matching service drained', {
    commandsProcessed: stats.commandsProcessed,
    poisonMessages: stats.poisonMessages,
    published: drained.published,
    settlementBacklog: drained.settled ? 0 : settlement.backlog,
  });
}

const shutdown = (signal: string) => {
  if (plan !== undefined) return;
  plan = shutdownPlan(Date.now());
  logger.info('draining', { signal });
  stop.abort();
  setTimeout(() => {
    logger.error('drain deadline passed; exiting');
    process.exit(1);
  }, plan.forceExitAt - plan.startedAt).unref();
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
