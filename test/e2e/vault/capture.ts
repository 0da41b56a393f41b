import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { call, type ApiAnswer } from '../../support/http';
import { localEnv } from '../../support/local-stack';

/** Every answer of the run, raw: status line, headers and body text, for grepping. */
export const transcript: string[] = [];

/**
 * `call` against the local API that also keeps the raw answer in {@link transcript}, so a test
 * can prove no response of the run carried a secret.
 */
export async function api(
  path: string,
  init: { method?: string; token?: string; body?: unknown } = {},
): Promise<ApiAnswer> {
  const headers: Record<string, string> = {};
  if (init.token !== undefined) headers['authorization'] = `Bearer ${init.token}`;
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  const answer = await call(`${localEnv()['API_URL']!}${path}`, {
    method: init.method ?? 'GET',
    headers,
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  });
  transcript.push(
    `${init.method ?? 'GET'} ${path} ${answer.status}\n${JSON.stringify([...answer.headers])}\n${JSON.stringify(answer.body)}`,
  );
  return answer;
}

/**
 * The gateway process's output (its access log and every handler's logs), as the test
 * global setup writes it: `<run dir>/logs/gateway.log`, beside `<run dir>/data/mailbox`.
 */
export const gatewayLogFile = (): string =>
  join(dirname(dirname(localEnv()['LOCAL_MAILBOX_DIR']!)), 'logs', 'gateway.log');

/** The gateway log once it contains `marker` (its lines reach the file asynchronously). */
export async function gatewayLogContaining(marker: string, timeoutMs = 10_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const text = await readFile(gatewayLogFile(), 'utf8').catch(() => '');
    if (text.includes(marker) || Date.now() > deadline) return text;
    await delay(100);
  }
}
