import { readFile } from 'node:fs/promises';
import { inject } from 'vitest';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The running local stack's env (see `infra/local/stack.ts`), from the global setup. */
    localStack: Record<string, string>;
  }
}

/**
 * The local stack's env in a test worker: AWS endpoints, resource names (`TRADING_TABLE`,
 * `ORDERS_QUEUE_URL_<SHARD>`, `USER_POOL_ID`, …), `API_URL`, `LOCAL_MAILBOX_DIR`,
 * `LOCAL_CREDENTIALS_FILE`. The global setup also copies it into `process.env`, so zero-config
 * SDK clients reach the emulators.
 */
export const localEnv = (): Record<string, string> => inject('localStack');

/** The seeded admin's sign-in, read from the stack's credentials file. */
export const localAdmin = async (): Promise<{ email: string; password: string }> => {
  const file = localEnv()['LOCAL_CREDENTIALS_FILE']!;
  const parsed = JSON.parse(await readFile(file, 'utf8')) as {
    admin: { email: string; password: string };
  };
  return parsed.admin;
};
