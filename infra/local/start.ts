import { join, relative } from 'node:path';
import { localServices, matchingServiceName } from './ports';
import { matchingShards } from '../../shared/trading/shards';
import { appEntriesExist, entries, repoRoot } from './services';
import { startLocalStack, type LocalStack } from './stack';
import { watchAncestors } from './watchdog';

/**
 * `npm start`: the whole backend on this machine, no AWS account, no Docker (DESIGN §3).
 * Data persists in `.local/` between runs; `npm start -- --fresh` wipes it first. Ctrl-C stops
 * every child (app first, emulators last) and exits 0; a child that dies stops the rest and
 * exits 1.
 */
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

const usage = `usage: npm start [-- --fresh]

  --fresh   wipe .local/ (tables, users, keys, mail) before starting
  --help    show this help

Ports: PORT (API, 3000), ${Object.values(localServices)
  .filter((service) => service.envVar !== 'PORT')
  .map((service) => `${service.envVar} (${service.defaultPort})`)
  .join(', ')}.
Admin: LOCAL_ADMIN_EMAIL / LOCAL_ADMIN_PASSWORD override the seeded account.`;

const args = process.argv.slice(2);
if (args.includes('--help') || args.includes('-h')) {
  console.log(usage);
  process.exit(0);
}
const unknown = args.filter((arg) => arg !== '--fresh');
if (unknown.length > 0) {
  console.error(`unknown argument: ${unknown.join(' ')}\n\n${usage}`);
  process.exit(2);
}

const dataDir = join(repoRoot, '.local');
const logDir = join(dataDir, 'logs');
const withApp = appEntriesExist();
const consoleServices = ['gateway', ...matchingShards.map(matchingServiceName)];
const startedAt = performance.now();

const table = (stack: LocalStack, seconds: string): string => {
  const url = (port: number) => `http://127.0.0.1:${port}`;
  const rows: [string, string][] = [
    [
      'API',
      withApp ? stack.apiUrl : `not started (${entries.gateway} or ${entries.matching} missing)`,
    ],
    ['Mailbox', `${url(stack.ports.api)}/local/mailbox/{email}`],
    ['DynamoDB Local', url(stack.ports.dynamodb)],
    ['SQS (fauxqs)', `${url(stack.ports.sqs)}  (in memory: queues are recreated empty)`],
    ['Cognito', `${url(stack.ports.cognito)}  pool ${stack.env.USER_POOL_ID}`],
    ['KMS', stack.kms ? url(stack.ports.kms) : `not started (${entries.kms} missing)`],
    ...(withApp
      ? ([
          ['WebSocket', stack.env['WS_URL'] ?? 'not started'],
          ...matchingShards.map((shard): [string, string] => [
            `Matching ${shard.id} health`,
            `${url(stack.ports[matchingServiceName(shard)])}/health  (${shard.symbols.join(', ')})`,
          ]),
        ] as [string, string][])
      : []),
    ['Data dir', `${stack.dataDir}  (logs: ${relative(repoRoot, logDir)}/)`],
    ['Admin', `${stack.admin.email}  password: ${stack.admin.password}`],
    ['Credentials file', stack.credentialsFile],
  ];
  const width = Math.max(...rows.map(([name]) => name.length));
  const lines = rows.map(([name, value]) => `  ${name.padEnd(width)}  ${value}`);
  return [`\nLocal stack ready in ${seconds} s\n`, ...lines, '\nCtrl-C stops everything.\n'].join(
    '\n',
  );
};

let stack: LocalStack | undefined;
let signals = 0;
let exiting = false;

const shutdown = async (code: number): Promise<never> => {
  exiting = true;
  await stack?.stop();
  process.exit(code);
};

/**
 * Ctrl-C reaches this process twice (from the terminal and relayed by tsx), so a repeat while
 * stopping is ignored; a third one gives up waiting (the supervisor still kills children).
 */
const requestStop = (reason: string): void => {
  signals += 1;
  if (signals >= 3) {
    console.error(`\n${reason} again: exiting without waiting`);
    process.exit(130);
  }
  if (signals > 1 || stack === undefined) return;
  console.log(`\n${reason}: stopping the local stack…`);
  void shutdown(0).catch(() => process.exit(1));
};
process.on('SIGINT', () => requestStop('SIGINT'));
process.on('SIGTERM', () => requestStop('SIGTERM'));
watchAncestors(() => requestStop('npm or the shell that started it exited'));

try {
  console.log(`Starting the local stack in ${relative(process.cwd(), dataDir) || '.'}…`);
  stack = await startLocalStack({
    dataDir,
    fresh: args.includes('--fresh'),
    withApp,
    logDir,
    consoleServices,
  });
} catch (error) {
  console.error(`\nThe local stack did not start: ${(error as Error).message}`);
  process.exit(1);
}

if (signals > 0) {
  console.log('stopping the local stack…');
  await shutdown(0);
}
console.log(table(stack, ((performance.now() - startedAt) / 1000).toFixed(1)));

const failure = await stack.failed;
if (!exiting) {
  const where = consoleServices.includes(failure.name)
    ? 'its output is above'
    : `see ${relative(process.cwd(), logDir)}/${failure.name}.log`;
  const how = failure.code === null ? 'was killed by a signal' : `exited with code ${failure.code}`;
  console.error(`\n${failure.name} ${how}; stopping the local stack (${where})`);
  await shutdown(1);
}
