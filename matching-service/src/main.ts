import { randomUUID } from 'node:crypto';
import { createAwsClients } from '../../shared/aws/clients';
import { HEARTBEAT_INTERVAL_MS } from '../../shared/contracts/heartbeat';
import { loadConfig } from '../../shared/config/load-config';
import { createLogger } from '../../shared/logging/logger';
import { DynamoHeartbeat } from './adapters/dynamo-heartbeat';
import { SqsCommandSource } from './adapters/sqs-command-source';
import { matchingConfigSchema } from './config';
import { Consumer, type CommandProcessor } from './consumer';
import { createHealthServer } from './health-server';

/** ECS stops a task with SIGTERM and kills it 30 s later; finish the batch well before. */
const DRAIN_DEADLINE_MS = 25_000;

const config = loadConfig(matchingConfigSchema);
const logger = createLogger('matching');
const clients = createAwsClients();
const instanceId = config.MATCHING_INSTANCE_ID ?? randomUUID();

/** Until the engine lands, commands are received, decoded, logged and acknowledged. */
const processor: CommandProcessor = {
  async process(command, message) {
    logger.info('command received', {
      type: command.type,
      symbol: command.symbol,
      commandId: command.command_id,
      sequenceNumber: message.sequenceNumber,
    });
  },
};

const consumer = new Consumer(
  new SqsCommandSource(clients.sqs, config.ORDERS_QUEUE_URL, config.MATCHING_VISIBILITY_SECONDS),
  processor,
  logger,
  config.MATCHING_VISIBILITY_SECONDS,
);
const heartbeat = new DynamoHeartbeat(
  clients.documents,
  config.JOURNAL_TABLE,
  instanceId,
  () => new Date(),
);
const stop = new AbortController();
let running = true;

const health = createHealthServer(() => {
  const stats = consumer.stats();
  return {
    healthy: running && !stop.signal.aborted,
    instance_id: instanceId,
    commands_processed: stats.commandsProcessed,
    poison_messages: stats.poisonMessages,
    last_poll_at: stats.lastPollAt?.toISOString() ?? null,
  };
});

const beat = () =>
  heartbeat
    .beat({ commandsProcessed: consumer.stats().commandsProcessed })
    .catch((error: unknown) => logger.warn('heartbeat failed', { error }));

async function main(): Promise<void> {
  await heartbeat.beat({ commandsProcessed: 0 });
  const beating = setInterval(beat, HEARTBEAT_INTERVAL_MS);
  await new Promise<void>((done) =>
    health.listen(config.MATCHING_HEALTH_PORT, config.MATCHING_HEALTH_HOST, done),
  );
  logger.info('matching service started', { instanceId, port: config.MATCHING_HEALTH_PORT });
  await consumer.run(stop.signal);
  running = false;
  clearInterval(beating);
  health.close();
  const stats = consumer.stats();
  logger.info('matching service drained', {
    commandsProcessed: stats.commandsProcessed,
    poisonMessages: stats.poisonMessages,
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
