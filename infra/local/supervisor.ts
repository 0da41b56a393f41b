import { spawn } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { connect } from 'node:net';
import { dirname } from 'node:path';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { pathToFileURL } from 'node:url';

/**
 * How the supervisor knows a service can take requests: an HTTP URL answering 2xx, a TCP port
 * accepting connections, or a custom probe (e.g. an SDK call) resolving true.
 */
export type Readiness =
  | { readonly url: string }
  | { readonly tcpPort: number }
  | { readonly probe: () => Promise<boolean> };

/** What to run and how to tell it is up. */
export interface ServiceSpec {
  readonly name: string;
  readonly command: string;
  readonly args: readonly string[];
  /** Added to the launcher's own environment (PATH, HOME, … are inherited). */
  readonly env: Readonly<Record<string, string>>;
  readonly cwd?: string;
  readonly ready: Readiness;
  /** Default 30 s. */
  readonly timeoutMs?: number;
  /** Write the service's output to this file (replaced on each start) instead of the console. */
  readonly logFile?: string;
}

/** A started child process. */
export interface RunningService {
  readonly name: string;
  readonly pid: number;
  /** Resolves with the exit code (null when ended by a signal) whenever the child ends. */
  readonly exited: Promise<number | null>;
  /** SIGTERM to the child's process group, SIGKILL after 5 s; resolves once it is gone. */
  stop(): Promise<void>;
}

const killGraceMs = 5_000;
const pollMs = 100;
const tailLines = 40;

/** Process groups of children still alive, so the launcher never leaves an orphan (a JVM!). */
const liveGroups = new Set<number>();

const signalGroup = (pid: number, signal: NodeJS.Signals): void => {
  try {
    process.kill(-pid, signal);
  } catch {
    try {
      process.kill(pid, signal);
    } catch {
      /* already gone */
    }
  }
};

let guardsInstalled = false;

/**
 * Kills every live child when the launcher exits. For SIGINT/SIGTERM/SIGHUP the supervisor only
 * acts when nobody else handles the signal (start.ts and Vitest do, and stop children in order);
 * then it terminates the children and re-raises the signal so the default action still happens.
 */
const installGuards = (): void => {
  if (guardsInstalled) return;
  guardsInstalled = true;
  process.once('exit', () => {
    for (const pid of liveGroups) signalGroup(pid, 'SIGKILL');
  });
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    const onSignal = (): void => {
      if (process.listenerCount(signal) > 1) return;
      for (const pid of liveGroups) signalGroup(pid, 'SIGTERM');
      process.removeListener(signal, onSignal);
      process.kill(process.pid, signal);
    };
    process.on(signal, onSignal);
  }
};

const delay = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

const tcpAccepts = (port: number): Promise<boolean> =>
  new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });

const isReady = async (ready: Readiness): Promise<boolean> => {
  try {
    if ('url' in ready) {
      const response = await fetch(ready.url, { signal: AbortSignal.timeout(2_000) });
      await response.body?.cancel();
      return response.ok;
    }
    if ('tcpPort' in ready) return await tcpAccepts(ready.tcpPort);
    return await ready.probe();
  } catch {
    return false;
  }
};

const readinessTarget = (ready: Readiness): string =>
  'url' in ready ? ready.url : 'tcpPort' in ready ? `tcp 127.0.0.1:${ready.tcpPort}` : 'its probe';

/** Thrown when a service dies or stays unready during start; names the service and its output. */
export class ServiceStartError extends Error {
  constructor(
    readonly service: string,
    reason: string,
    output: readonly string[],
    logFile?: string,
  ) {
    const where = logFile === undefined ? '' : ` (full log: ${logFile})`;
    const tail = output.length === 0 ? '' : `\nlast output${where}:\n  ${output.join('\n  ')}`;
    super(`${service} ${reason}${tail}`);
    this.name = 'ServiceStartError';
  }
}

/**
 * Starts a child in its own process group, forwards its output, and resolves once it is ready.
 * Fails with a {@link ServiceStartError} naming the service if it exits or times out first (the
 * child is then stopped). The child gets `LOCAL_PARENT_PIPE=1` and a stdin pipe that closes when
 * the launcher dies, so our own node children can exit with it even after a SIGKILL.
 */
export const spawnService = async (spec: ServiceSpec): Promise<RunningService> => {
  installGuards();
  const tail: string[] = [];
  let sink: ((line: string, isError: boolean) => void) | undefined;
  let closeSink = (): void => undefined;
  if (spec.logFile === undefined) {
    sink = (line, isError) =>
      (isError ? process.stderr : process.stdout).write(`[${spec.name}] ${line}\n`);
  } else {
    mkdirSync(dirname(spec.logFile), { recursive: true, mode: 0o700 });
    const stream = createWriteStream(spec.logFile, { flags: 'w', mode: 0o600 });
    sink = (line) => stream.write(`${line}\n`);
    closeSink = () => stream.end();
  }

  const child = spawn(spec.command, [...spec.args], {
    cwd: spec.cwd,
    env: { ...process.env, ...spec.env, LOCAL_PARENT_PIPE: '1' },
    stdio: ['pipe', 'pipe', 'pipe'],
    detached: true,
  });
  const spawned = new Promise<void>((resolve, reject) => {
    child.once('spawn', resolve);
    child.once('error', reject);
  });
  const closed = new Promise<void>((resolve) => child.once('close', () => resolve()));
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => {
      if (child.pid !== undefined) liveGroups.delete(child.pid);
      resolve(code);
    }),
  );
  void closed.then(closeSink);
  const follow = (stream: Readable, isError: boolean): void => {
    createInterface({ input: stream, crlfDelay: Infinity }).on('line', (line) => {
      tail.push(line);
      if (tail.length > tailLines) tail.shift();
      sink(line, isError);
    });
  };
  follow(child.stdout, false);
  follow(child.stderr, true);

  try {
    await spawned;
  } catch (error) {
    throw new ServiceStartError(spec.name, `could not be started: ${(error as Error).message}`, []);
  }
  const pid = child.pid!;
  liveGroups.add(pid);

  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      signalGroup(pid, 'SIGTERM');
      const timer = setTimeout(() => signalGroup(pid, 'SIGKILL'), killGraceMs);
      await exited;
      clearTimeout(timer);
    })();
    return stopping;
  };

  const timeoutMs = spec.timeoutMs ?? 30_000;
  const deadline = Date.now() + timeoutMs;
  let ended = false;
  void exited.then(() => (ended = true));
  while (!ended) {
    if (await isReady(spec.ready)) return { name: spec.name, pid, exited, stop };
    if (Date.now() > deadline) {
      await stop();
      throw new ServiceStartError(
        spec.name,
        `was not ready within ${timeoutMs} ms (waited for ${readinessTarget(spec.ready)})`,
        tail,
        spec.logFile,
      );
    }
    await Promise.race([delay(pollMs), exited]);
  }
  const code = await exited;
  await Promise.race([closed, delay(500)]);
  throw new ServiceStartError(
    spec.name,
    `exited with code ${code ?? `null (${child.signalCode ?? 'signal'})`} before it was ready`,
    tail,
    spec.logFile,
  );
};

const requireHere = createRequire(import.meta.url);

/**
 * The command that runs a TypeScript entry point with node and tsx's loader, resolved to an
 * absolute URL so the child may run in any working directory (cognito-local needs its data dir).
 */
export const tsNodeCommand = (entry: string): { command: string; args: string[] } => ({
  command: process.execPath,
  args: ['--import', pathToFileURL(requireHere.resolve('tsx')).href, entry],
});
