import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { appEntriesExist } from '../../infra/local/services';
import { startLocalStack, type LocalStack } from '../../infra/local/stack';

interface SharedStack {
  users: number;
  started: Promise<{ stack: LocalStack; dir: string }>;
}

const key = Symbol.for('exchange.localStack');
const registry = globalThis as typeof globalThis & { [key]?: SharedStack };

/**
 * One stack per Vitest process, shared by the integration and e2e projects: in-memory DynamoDB,
 * kernel-picked ports (so it runs beside `npm start`), a temp data dir, output in log files.
 * The app processes start only when their entry files exist in the tree.
 */
const acquire = (): SharedStack => {
  const existing = registry[key];
  if (existing !== undefined) {
    existing.users += 1;
    return existing;
  }
  const started = (async () => {
    const dir = await mkdtemp(join(tmpdir(), 'exchange-local-stack-'));
    try {
      const stack = await startLocalStack({
        dataDir: join(dir, 'data'),
        inMemory: true,
        ephemeralPorts: true,
        withApp: appEntriesExist(),
        logDir: join(dir, 'logs'),
      });
      return { stack, dir };
    } catch (error) {
      await rm(dir, { recursive: true, force: true });
      throw error;
    }
  })();
  const shared: SharedStack = { users: 1, started };
  registry[key] = shared;
  return shared;
};

const release = async (shared: SharedStack): Promise<void> => {
  shared.users -= 1;
  if (shared.users > 0) return;
  delete registry[key];
  const { stack, dir } = await shared.started;
  await stack.stop();
  if (process.env.LOCAL_STACK_KEEP === '1') {
    console.log(`local stack data and logs kept in ${dir}`);
  } else {
    await rm(dir, { recursive: true, force: true });
  }
};

/**
 * Vitest globalSetup of the integration and e2e projects: starts the local stack, provides its
 * env to the workers (`localEnv()` in test/support/local-stack.ts) and copies it into
 * `process.env`; the returned teardown stops it. `LOCAL_STACK_KEEP=1` keeps its logs.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  // The stack's children inherit this: heartbeats (and their session re-checks) every 2 s, not
  // every 30 s, so a test sees a revoked session's connection close within its patience.
  process.env.WS_HEARTBEAT_SECONDS ??= '2';
  const shared = acquire();
  try {
    const { stack } = await shared.started;
    Object.assign(process.env, stack.env);
    project.provide('localStack', stack.env);
  } catch (error) {
    shared.users -= 1;
    if (shared.users === 0) delete registry[key];
    throw error;
  }
  return () => release(shared);
}
