import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startDynamoDbLocal } from './dynamodb';
import { matchingServiceName, type LocalPorts } from './ports';
import { commandQueueUrl, matchingShards } from '../../shared/trading/shards';
import { localRegion } from './provision/clients';
import { spawnService, tsNodeCommand, type RunningService } from './supervisor';

/** The repository root (this file is infra/local/services.ts). */
export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

/** Entry points started as child processes, relative to the repository root. */
export const entries = {
  sqs: 'infra/local/sqs/main.ts',
  cognito: 'infra/local/cognito/main.ts',
  kms: 'infra/local/kms/main.ts',
  gateway: 'infra/local/gateway/main.ts',
  matching: 'matching-service/src/main.ts',
} as const;

/** Whether an entry point exists in this working tree. */
export const entryExists = (entry: string): boolean => existsSync(join(repoRoot, entry));

/** Whether the API gateway's and the matching service's entry points exist in this tree. */
export const appEntriesExist = (): boolean =>
  entryExists(entries.gateway) && entryExists(entries.matching);

/** Where a service's output goes: a file under `logDir`, or the console. */
export type LogTarget = (name: string) => { logFile?: string };

/** The app processes, stopped before the emulators. */
export const appServiceNames: ReadonlySet<string> = new Set([
  'gateway',
  ...matchingShards.map(matchingServiceName),
]);

/** The base URL of a local service: loopback only, never `localhost` (which may be ::1). */
export const loopback = (port: number): string => `http://127.0.0.1:${port}`;

type Start = () => Promise<RunningService>;

const nodeService =
  (
    name: string,
    entry: string,
    env: Record<string, string>,
    readyUrl: string,
    logTarget: LogTarget,
    cwd = repoRoot,
  ): Start =>
  () =>
    spawnService({
      name,
      ...tsNodeCommand(join(repoRoot, entry)),
      env,
      cwd,
      ready: { url: readyUrl },
      ...logTarget(name),
    });

/**
 * Starts every service of a group in parallel; if one fails, stops those that did start and
 * rethrows, so a failed start never leaves a child behind.
 */
export const startGroup = async (starts: readonly Start[]): Promise<RunningService[]> => {
  const results = await Promise.allSettled(starts.map((start) => start()));
  const started = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
  const failures = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as Error] : []));
  if (failures.length > 0) {
    await Promise.all(started.map((service) => service.stop()));
    throw failures.length === 1
      ? failures[0]
      : new Error(failures.map((error) => error.message).join('\n'));
  }
  return started;
};

/** What the emulators need to know. */
export interface EmulatorOptions {
  readonly dataDir: string;
  readonly ports: LocalPorts;
  readonly inMemory: boolean;
  readonly withKms: boolean;
  readonly logTarget: LogTarget;
}

/** DynamoDB Local, fauxqs, cognito-local and (when present) the local KMS, in parallel. */
export const startEmulators = (options: EmulatorOptions): Promise<RunningService[]> => {
  const { dataDir, ports, logTarget } = options;
  const mailboxDir = join(dataDir, 'mailbox');
  return startGroup([
    () =>
      startDynamoDbLocal({
        port: ports.dynamodb,
        dbDir: join(dataDir, 'dynamodb'),
        inMemory: options.inMemory,
        ...logTarget('dynamodb'),
      }),
    nodeService(
      'sqs',
      entries.sqs,
      { SQS_PORT: String(ports.sqs) },
      `${loopback(ports.sqs)}/health`,
      logTarget,
    ),
    nodeService(
      'cognito',
      entries.cognito,
      { PORT: String(ports.cognito), HOST: '127.0.0.1', LOCAL_MAILBOX_DIR: mailboxDir },
      `${loopback(ports.cognito)}/health`,
      logTarget,
      join(dataDir, 'cognito'),
    ),
    ...(options.withKms
      ? [
          nodeService(
            'kms',
            entries.kms,
            {
              KMS_PORT: String(ports.kms),
              KMS_DATA_FILE: join(dataDir, 'kms', 'keys.json'),
              AWS_REGION: localRegion,
            },
            `${loopback(ports.kms)}/health`,
            logTarget,
          ),
        ]
      : []),
  ]);
};

/**
 * One matching process per shard, each consuming its shard's queue, and the API gateway, each
 * with the whole stack env. The gateway is ready when `GET /local/ready` answers 200, a
 * matching process when its `/health` does.
 */
export const startApp = (
  env: Record<string, string>,
  ports: LocalPorts,
  logTarget: LogTarget,
): Promise<RunningService[]> =>
  startGroup([
    ...matchingShards.map((shard) => {
      const name = matchingServiceName(shard);
      return nodeService(
        name,
        entries.matching,
        {
          ...env,
          MATCHING_SHARD: shard.id,
          ORDERS_QUEUE_URL: commandQueueUrl(env, shard),
          MATCHING_HEALTH_PORT: String(ports[name]),
        },
        `${loopback(ports[name])}/health`,
        logTarget,
      );
    }),
    nodeService(
      'gateway',
      entries.gateway,
      { ...env, PORT: String(ports.api), HOST: '127.0.0.1', LOCAL_MODE: 'true' },
      `${loopback(ports.api)}/local/ready`,
      logTarget,
    ),
  ]);
