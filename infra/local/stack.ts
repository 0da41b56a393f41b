import { mkdir, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import {
  assertPortsFree,
  configuredPorts,
  ephemeralPorts,
  matchingServiceName,
  type LocalPorts,
  type LocalServiceName,
} from './ports';
import { matchingShards } from '../../shared/trading/shards';
import {
  localClients,
  localCredentials,
  localRegion,
  type LocalEndpoints,
} from './provision/clients';
import { provisionAll } from './provision/index';
import {
  resolveAdminCredentials,
  seedAdmin,
  seedMarkets,
  writeCredentialsFile,
  type AdminCredentials,
} from './seed';
import {
  appEntriesExist,
  appServiceNames,
  entries,
  entryExists,
  loopback,
  startApp,
  startEmulators,
  type LogTarget,
} from './services';
import type { RunningService } from './supervisor';
import { startWsGateway, wsEnv } from './ws-gateway/service';

/** Options of {@link startLocalStack}. */
export interface LocalStackOptions {
  readonly dataDir: string;
  /** Wipe `dataDir` first. */
  readonly fresh?: boolean;
  /** DynamoDB in memory (tests); otherwise it persists under `dataDir/dynamodb`. */
  readonly inMemory?: boolean;
  /** Kernel-picked free ports instead of the fixed ones (tests beside `npm start`). */
  readonly ephemeralPorts?: boolean;
  readonly apiPort?: number;
  /** Start the API gateway and a matching process per shard too. Default true. */
  readonly withApp?: boolean;
  /** Each service's output goes to `<logDir>/<name>.log` instead of the console. */
  readonly logDir?: string;
  /** Services whose output stays on the console even with `logDir`. */
  readonly consoleServices?: readonly string[];
}

/** A child that ended while the stack was meant to be running. */
export interface ServiceFailure {
  readonly name: string;
  readonly code: number | null;
}

/** The running local stack. */
export interface LocalStack {
  /** Everything an app process or a test needs: AWS endpoints, resource names, local settings. */
  readonly env: Record<string, string>;
  /** `http://127.0.0.1:<port>/api` */
  readonly apiUrl: string;
  readonly dataDir: string;
  readonly ports: LocalPorts;
  readonly admin: AdminCredentials;
  readonly credentialsFile: string;
  readonly mailboxDir: string;
  /** False while the local KMS entry point is absent (then no key env vars are set). */
  readonly kms: boolean;
  readonly services: RunningService[];
  /** Stops the app first, the emulators last; idempotent. */
  stop(): Promise<void>;
  /** Resolves when any child exits unexpectedly. */
  readonly failed: Promise<ServiceFailure>;
}

/** The ports to use; fixed ones (not kernel-picked) are checked first, naming the service. */
const pickPorts = async (
  options: LocalStackOptions,
  needed: readonly LocalServiceName[],
): Promise<LocalPorts> => {
  const ports = options.ephemeralPorts ? await ephemeralPorts() : configuredPorts();
  if (options.apiPort !== undefined) ports.api = options.apiPort;
  const fixed = needed.filter(
    (name) => !options.ephemeralPorts || (name === 'api' && options.apiPort !== undefined),
  );
  await assertPortsFree(Object.fromEntries(fixed.map((name) => [name, ports[name]])));
  return ports;
};

/** Provisions every definition, seeds markets and the admin; returns the resource env. */
const provisionAndSeed = async (
  endpoints: LocalEndpoints,
  withKms: boolean,
  credentialsFile: string,
): Promise<{ resources: Record<string, string>; admin: AdminCredentials }> => {
  const clients = localClients(endpoints);
  try {
    const provisioned = await provisionAll(clients, { withKeys: withKms });
    const admin = await resolveAdminCredentials(credentialsFile);
    await Promise.all([
      seedMarkets(clients.dynamodb),
      seedAdmin(clients.cognito, provisioned.userPoolId, admin),
    ]);
    await writeCredentialsFile(credentialsFile, admin);
    return { resources: provisioned.env, admin };
  } finally {
    clients.destroy();
  }
};

/**
 * Starts the local stack: DynamoDB Local, fauxqs, cognito-local and the local KMS (in
 * parallel), provisions every resource from `infra/definitions/`, seeds markets and the admin,
 * then (unless `withApp: false`) a matching process per shard and the API gateway with the
 * full env.
 * On failure everything already started is stopped before the error is thrown.
 */
export const startLocalStack = async (options: LocalStackOptions): Promise<LocalStack> => {
  const dataDir = resolve(options.dataDir);
  const withApp = options.withApp ?? true;
  const withKms = entryExists(entries.kms);
  if (withApp && !appEntriesExist()) {
    throw new Error(`withApp needs ${entries.gateway} and ${entries.matching}`);
  }
  if (options.fresh) await rm(dataDir, { recursive: true, force: true });
  for (const dir of ['dynamodb', 'cognito', 'kms', 'mailbox']) {
    await mkdir(join(dataDir, dir), { recursive: true, mode: 0o700 });
  }
  const mailboxDir = join(dataDir, 'mailbox');
  const credentialsFile = join(dataDir, 'credentials.json');
  const needed: LocalServiceName[] = [
    'dynamodb',
    'sqs',
    'cognito',
    ...(withKms ? (['kms'] as const) : []),
    ...(withApp ? (['api', 'ws', ...matchingShards.map(matchingServiceName)] as const) : []),
  ];
  const ports = await pickPorts(options, needed);
  const logTarget: LogTarget = (name) =>
    options.logDir === undefined || options.consoleServices?.includes(name)
      ? {}
      : { logFile: join(options.logDir, `${name}.log`) };

  const services: RunningService[] = [];
  let stopping = false;
  let reportFailure: (failure: ServiceFailure) => void = () => undefined;
  const failed = new Promise<ServiceFailure>((resolveFailure) => (reportFailure = resolveFailure));
  const adopt = (started: readonly RunningService[]): void => {
    for (const service of started) {
      services.push(service);
      void service.exited.then((code) => {
        if (!stopping) reportFailure({ name: service.name, code });
      });
    }
  };
  let stopped: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping = true;
    stopped ??= (async () => {
      const app = services.filter((service) => appServiceNames.has(service.name));
      await Promise.all(app.map((service) => service.stop()));
      await Promise.all(services.filter((s) => !app.includes(s)).map((s) => s.stop()));
    })();
    return stopped;
  };

  try {
    const inMemory = options.inMemory ?? false;
    adopt(await startEmulators({ dataDir, ports, inMemory, withKms, logTarget }));
    const endpoints: LocalEndpoints = {
      dynamodb: loopback(ports.dynamodb),
      sqs: loopback(ports.sqs),
      cognito: loopback(ports.cognito),
      kms: loopback(ports.kms),
    };
    const { resources, admin } = await provisionAndSeed(endpoints, withKms, credentialsFile);
    const apiUrl = `${loopback(ports.api)}/api`;
    const env: Record<string, string> = {
      AWS_REGION: localRegion,
      AWS_ACCESS_KEY_ID: localCredentials.accessKeyId,
      AWS_SECRET_ACCESS_KEY: localCredentials.secretAccessKey,
      AWS_ENDPOINT_URL_DYNAMODB: endpoints.dynamodb,
      AWS_ENDPOINT_URL_SQS: endpoints.sqs,
      AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER: endpoints.cognito,
      AWS_ENDPOINT_URL_KMS: endpoints.kms,
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      ...resources,
      LOCAL_MODE: 'true',
      LOCAL_MAILBOX_DIR: mailboxDir,
      API_URL: apiUrl,
      LOCAL_CREDENTIALS_FILE: credentialsFile,
      ...(withApp ? wsEnv(ports.ws) : {}),
    };
    if (withApp) adopt(await startApp(env, ports, logTarget));
    if (withApp) adopt([await startWsGateway(env, ports.ws, logTarget)]);
    return {
      env,
      apiUrl,
      dataDir,
      ports,
      admin,
      credentialsFile,
      mailboxDir,
      kms: withKms,
      services,
      stop,
      failed,
    };
  } catch (error) {
    await stop();
    throw error;
  }
};
