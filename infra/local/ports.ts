import { createServer, type Server } from 'node:net';
import { matchingShards, type MatchingShard, type ShardId } from '../../shared/trading/shards';

interface PortSpec {
  readonly label: string;
  readonly defaultPort: number;
  readonly envVar: string;
}

/** The name of a matching shard's process in the local stack: `matching-<shard id>`. */
export type MatchingServiceName = `matching-${ShardId}`;

/** The local stack's process of a matching shard. */
export const matchingServiceName = (shard: MatchingShard & { readonly id: ShardId }) =>
  `matching-${shard.id}` as MatchingServiceName;

/** One matching process per shard; its health port is 3011 + the shard's position. */
const matchingServices = Object.fromEntries(
  matchingShards.map((shard, i) => [
    matchingServiceName(shard),
    {
      label: `matching shard ${shard.id} health`,
      defaultPort: 3011 + i,
      envVar: `LOCAL_MATCHING_${shard.id.toUpperCase()}_PORT`,
    },
  ]),
) as Record<MatchingServiceName, PortSpec>;

/** The local stack's processes that listen on a port, with their fixed defaults (DESIGN §3). */
export const localServices = {
  api: { label: 'API gateway', defaultPort: 3000, envVar: 'PORT' },
  dynamodb: { label: 'DynamoDB Local', defaultPort: 8000, envVar: 'LOCAL_DYNAMODB_PORT' },
  sqs: { label: 'SQS (fauxqs)', defaultPort: 9324, envVar: 'LOCAL_SQS_PORT' },
  cognito: { label: 'Cognito (cognito-local)', defaultPort: 9229, envVar: 'LOCAL_COGNITO_PORT' },
  kms: { label: 'KMS (local)', defaultPort: 4599, envVar: 'LOCAL_KMS_PORT' },
  ws: { label: 'WebSocket gateway', defaultPort: 3002, envVar: 'LOCAL_WS_PORT' },
  ...matchingServices,
} as const satisfies Record<string, PortSpec>;

/** A process of the local stack that owns a port. */
export type LocalServiceName = keyof typeof localServices;

/** One port per local service. */
export type LocalPorts = Record<LocalServiceName, number>;

const serviceNames = Object.keys(localServices) as LocalServiceName[];

const parsePort = (name: LocalServiceName, raw: string): number => {
  const port = Number(raw);
  if (!/^\d+$/.test(raw) || port < 1 || port > 65_535) {
    const { envVar } = localServices[name];
    throw new Error(`${envVar} must be a port number between 1 and 65535, got '${raw}'`);
  }
  return port;
};

/** The fixed ports, each overridable by its variable (`PORT` for the API). */
export const configuredPorts = (env: NodeJS.ProcessEnv = process.env): LocalPorts => {
  const entries = serviceNames.map((name) => {
    const raw = env[localServices[name].envVar];
    const port =
      raw === undefined || raw === '' ? localServices[name].defaultPort : parsePort(name, raw);
    return [name, port] as const;
  });
  return Object.fromEntries(entries) as LocalPorts;
};

const listen = (port: number): Promise<Server> =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen({ port, host: '127.0.0.1', exclusive: true }, () => resolve(server));
  });

const close = (server: Server): Promise<void> =>
  new Promise((resolve) => server.close(() => resolve()));

/** A port free on 127.0.0.1 right now, picked by the kernel. */
export const freePort = async (): Promise<number> => (await freePorts(1))[0]!;

/** `count` distinct free ports (held open together while picking, so none repeats). */
export const freePorts = async (count: number): Promise<number[]> => {
  const servers = await Promise.all(Array.from({ length: count }, () => listen(0)));
  const ports = servers.map((server) => {
    const address = server.address();
    if (address === null || typeof address === 'string') throw new Error('no TCP address');
    return address.port;
  });
  await Promise.all(servers.map(close));
  return ports;
};

/** A distinct free port for every local service: for tests running beside `npm start`. */
export const ephemeralPorts = async (): Promise<LocalPorts> => {
  const ports = await freePorts(serviceNames.length);
  return Object.fromEntries(serviceNames.map((name, i) => [name, ports[i]!])) as LocalPorts;
};

/** The message a user sees when a fixed port is taken: which port, which service, what to do. */
export const portInUseMessage = (name: LocalServiceName, port: number): string =>
  `port ${port} (${localServices[name].label}) is in use; stop the other process or set ${localServices[name].envVar}`;

/** Thrown before anything starts when one of the stack's ports is already taken. */
export class PortInUseError extends Error {
  constructor(
    readonly service: LocalServiceName,
    readonly port: number,
  ) {
    super(portInUseMessage(service, port));
    this.name = 'PortInUseError';
  }
}

/** Fails with {@link PortInUseError} for the first of `ports` that cannot be bound on loopback. */
export const assertPortsFree = async (ports: Partial<LocalPorts>): Promise<void> => {
  const checks = Object.entries(ports).map(async ([name, port]) => {
    try {
      await close(await listen(port));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
        throw new PortInUseError(name as LocalServiceName, port);
      }
      throw error;
    }
  });
  await Promise.all(checks);
};
