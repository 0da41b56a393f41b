import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { matchingServiceName } from '../../infra/local/ports';
import { startLocalStack } from '../../infra/local/stack';
import { matchingShards, type MatchingShard, type ShardId } from '../../shared/trading/shards';
import { accountPk } from '../../shared/trading/keys';
import { createConfirmedUser } from '../support/cognito-users';
import { cpuSecondsByGroup } from './process-cpu';

/**
 * `npm run bench:e2e [-- --rate 200 --seconds 60 --users 40]`: orders through the HTTP API of a
 * fresh local stack (its own ports and in-memory tables), at a fixed offered rate: crossing
 * pairs, a sell then a buy, alternating between the two shards' markets (ETHUSDT 3000.00 /
 * 3010.00 × 0.004, BTCUSDT 30000.00 / 30100.00 × 0.0004) from funded accounts.
 * Reports the achieved rate, the API's answer latency, acceptance → settled fill latency
 * (order `created_at` → `settled_at` of its FILLED write), lost orders (written by the API
 * and never delivered to the engine, after the reconciler has run), and the CPU each service of
 * the stack spent per order it wrote (answered or not) beyond its idle use (measured from the first order until
 * settlement drained; the bench's own reads of the orders are included). Writes `results/e2e-<date>.json` and `results/e2e-latest.md`.
 */
const { values } = parseArgs({
  options: {
    rate: { type: 'string', default: '200' },
    seconds: { type: 'string', default: '60' },
    users: { type: 'string', default: '40' },
  },
});
const rate = Number(values.rate);
const seconds = Number(values.seconds);
const userCount = Number(values.users);
const here = dirname(fileURLToPath(import.meta.url));

const percentile = (sorted: readonly number[], p: number) =>
  sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** How long the idle stack's CPU use is sampled before the load starts. */
const IDLE_SAMPLE_MS = 10_000;

/** One crossing pair per market, one market per matching shard. */
const markets = [
  { symbol: 'ETHUSDT', sell: '3000', buy: '3010', quantity: '0.004' },
  { symbol: 'BTCUSDT', sell: '30000', buy: '30100', quantity: '0.0004' },
] as const;

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'exchange-bench-e2e-'));
  console.error('starting a local stack…');
  const stack = await startLocalStack({
    dataDir: join(dir, 'data'),
    inMemory: true,
    ephemeralPorts: true,
    withApp: true,
    logDir: join(dir, 'logs'),
  });
  Object.assign(process.env, stack.env);
  try {
    const api = stack.apiUrl;
    const call = async (method: string, path: string, token: string, body?: unknown) => {
      const response = await fetch(`${api}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${token}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      return {
        status: response.status,
        body: (await response.json()) as {
          data?: { id?: string };
          error?: { message?: string };
        },
      };
    };

    console.error(`creating and funding ${userCount} accounts…`);
    const cognito = new CognitoIdentityProviderClient({});
    const users: { id: string; token: string }[] = [];
    for (let i = 0; i < userCount; i++) {
      const email = `bench-${i}-${randomUUID()}@example.com`;
      const password = `Bench-Pass-${randomUUID()}`;
      await createConfirmedUser(cognito, stack.env['USER_POOL_ID']!, { email, password });
      const login = await fetch(`${api}/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email, password }),
      });
      const token = ((await login.json()) as { data: { access_token: string } }).data.access_token;
      const sub = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as {
        sub: string;
      };
      await call('POST', '/account/deposit', token, { asset: 'ETH', amount: '10' });
      await call('POST', '/account/deposit', token, { asset: 'BTC', amount: '1' });
      await call('POST', '/account/deposit', token, { asset: 'USDT', amount: '100000' });
      users.push({ id: sub.sub, token });
    }

    const adminLogin = await fetch(`${api}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(stack.admin),
    });
    const adminToken = ((await adminLogin.json()) as { data: { access_token: string } }).data
      .access_token;
    console.error(`offering ${rate} orders/s for ${seconds} s…`);
    const answers: { status: number; ms: number; id?: string; user: number }[] = [];
    /** The first error message per status, to say why orders were refused. */
    const refusals: Record<string, string> = {};
    const inFlight: Promise<void>[] = [];
    const groups = new Map(stack.services.map((service) => [service.pid, service.name]));
    const idleFrom = cpuSecondsByGroup(groups);
    const idleStarted = performance.now();
    await pause(IDLE_SAMPLE_MS);
    const cpuBefore = cpuSecondsByGroup(groups);
    const idleSeconds = (performance.now() - idleStarted) / 1000;
    const started = performance.now();
    const total = rate * seconds;
    for (let n = 0; n < total; n++) {
      const due = started + (n * 1000) / rate;
      const wait = due - performance.now();
      if (wait > 1) await pause(wait);
      const user = Math.floor(n / 2) % userCount;
      const sell = n % 2 === 0;
      const market = markets[Math.floor(n / 2) % markets.length]!;
      const t0 = performance.now();
      inFlight.push(
        call('POST', '/orders', users[user]!.token, {
          symbol: market.symbol,
          side: sell ? 'SELL' : 'BUY',
          type: 'LIMIT',
          price: sell ? market.sell : market.buy,
          quantity: market.quantity,
        }).then(
          (a) => {
            if (a.status !== 201) refusals[a.status] ??= a.body.error?.message ?? '';
            answers.push({
              status: a.status,
              ms: performance.now() - t0,
              user,
              ...(a.body.data?.id === undefined ? {} : { id: a.body.data.id }),
            });
          },
          (error: unknown) => {
            const cause = (error as { cause?: { code?: string; message?: string } }).cause;
            refusals['0'] ??= cause?.code ?? cause?.message ?? String(error);
            answers.push({ status: 0, ms: performance.now() - t0, user });
          },
        ),
      );
    }
    await Promise.all(inFlight);
    const offeredFor = (performance.now() - started) / 1000;

    console.error('waiting for settlement…');
    const documents = DynamoDBDocumentClient.from(new DynamoDBClient({}));
    const orders = async () => {
      const found: Record<string, unknown>[] = [];
      for (const user of users) {
        let start: Record<string, unknown> | undefined;
        do {
          const page = await documents.send(
            new QueryCommand({
              TableName: stack.env['TRADING_TABLE']!,
              KeyConditionExpression: 'pk = :pk AND begins_with(sk, :order)',
              ExpressionAttributeValues: { ':pk': accountPk(user.id), ':order': 'ORDER#' },
              ExclusiveStartKey: start,
            }),
          );
          found.push(...(page.Items ?? []));
          start = page.LastEvaluatedKey;
        } while (start !== undefined);
      }
      return found;
    };
    // Orders whose send was cut short by a timeout sit in the outbox: the reconciler (every
    // minute in AWS, on demand locally) delivers them. Lost = accepted and never delivered.
    const undelivered = (found: Record<string, unknown>[]) =>
      found.filter((o) => o['status'] === 'PENDING' && o['accepted_at'] === undefined);
    let items = await orders();
    for (let waited = 0; waited < 300 && undelivered(items).length > 0; waited += 5) {
      await call('POST', '/admin/trading/reconcile', adminToken).catch(() => undefined);
      await pause(5_000);
      items = await orders();
    }
    const health = async (shard: MatchingShard & { readonly id: ShardId }) =>
      (await (
        await fetch(`http://127.0.0.1:${stack.ports[matchingServiceName(shard)]}/health`)
      ).json()) as { settlement: { backlog: number } } & Record<string, unknown>;
    const backlog = async () => {
      const reports = await Promise.all(matchingShards.map(health));
      return reports.reduce((sum, report) => sum + report.settlement.backlog, 0);
    };
    for (let waited = 0; waited < 120 && (await backlog()) > 0; waited += 1) {
      await pause(1_000);
    }
    const cpuAfter = cpuSecondsByGroup(groups);
    const loadedSeconds = (performance.now() - started) / 1000;
    items = await orders();
    const shards = Object.fromEntries(
      await Promise.all(matchingShards.map(async (shard) => [shard.id, await health(shard)])),
    ) as Record<string, Record<string, unknown>>;
    const filled = items.filter((o) => o['status'] === 'FILLED' && o['settled_at']);
    const fillMs = filled
      .map((o) => Date.parse(o['settled_at'] as string) - Date.parse(o['created_at'] as string))
      .sort((a, b) => a - b);
    const lost = undelivered(items).length;
    const answerMs = answers.map((a) => a.ms).sort((a, b) => a - b);
    const statuses: Record<string, number> = {};
    for (const a of answers) statuses[a.status] = (statuses[a.status] ?? 0) + 1;
    // Orders the API wrote, including those whose answer came after the gateway's timeout.
    const written = items.length;
    // Idle cost (pollers, heartbeats) measured before the load, per second and per service; an
    // order's cost is what the loaded period used beyond that.
    const idleRate = (name: string) =>
      ((cpuBefore[name] ?? 0) - (idleFrom[name] ?? 0)) / idleSeconds;
    const idleCores = Object.keys(cpuBefore).reduce((sum, name) => sum + idleRate(name), 0);
    const cpuMsPerOrder = Object.fromEntries(
      Object.keys(cpuAfter)
        .map((name): [string, number] => {
          const used = cpuAfter[name]! - (cpuBefore[name] ?? 0) - idleRate(name) * loadedSeconds;
          return [name, Math.max(0, Math.round((used * 1000) / Math.max(1, written)))];
        })
        .sort((a, b) => b[1] - a[1]),
    );
    const stackCpuMs = Object.values(cpuMsPerOrder).reduce((sum, ms) => sum + ms, 0);

    const report = {
      at: new Date().toISOString(),
      machine: { cpus: cpus().length, load: loadavg().map((l) => Number(l.toFixed(2))) },
      offered: { rate, seconds, orders: total, users: userCount },
      achieved_rate: Number((answers.length / offeredFor).toFixed(1)),
      statuses,
      refusals,
      api_answer_ms: {
        p50: Math.round(percentile(answerMs, 0.5)),
        p99: Math.round(percentile(answerMs, 0.99)),
      },
      accepted_to_settled_fill_ms: {
        fills: fillMs.length,
        p50: percentile(fillMs, 0.5),
        p99: percentile(fillMs, 0.99),
        max: fillMs.at(-1) ?? NaN,
      },
      lost_orders: lost,
      idle_cores: Number(idleCores.toFixed(2)),
      orders_written: written,
      cpu_ms_per_written_order: { stack: stackCpuMs, ...cpuMsPerOrder },
      matching: Object.fromEntries(
        Object.entries(shards).map(([id, h]) => [
          id,
          { timing: h['timing'], settlement: h['settlement'] },
        ]),
      ),
    };
    const results = join(here, 'results');
    mkdirSync(results, { recursive: true });
    const name = `e2e-${report.at.replaceAll(':', '-').replaceAll('.', '-')}.json`;
    writeFileSync(join(results, name), `${JSON.stringify(report, null, 2)}\n`);
    writeFileSync(
      join(results, 'e2e-latest.md'),
      [
        `# End-to-end benchmark (${report.at})`,
        '',
        `${report.machine.cpus} cores, load ${report.machine.load.join(' / ')}; one local stack ` +
          `(DynamoDB Local, fauxqs, cognito-local, our gateway and matching service).`,
        '',
        '| measure | value |',
        '| --- | --- |',
        `| offered | ${rate} orders/s for ${seconds} s (${total} orders, ${userCount} accounts) |`,
        `| achieved | ${report.achieved_rate} orders/s |`,
        `| answers | ${Object.entries(statuses)
          .map(([s, c]) => `${s}: ${c}`)
          .join(', ')} |`,
        `| API answer p50 / p99 | ${report.api_answer_ms.p50} / ${report.api_answer_ms.p99} ms |`,
        `| accepted → settled fill p50 / p99 (${fillMs.length} fills) | ${report.accepted_to_settled_fill_ms.p50} / ${report.accepted_to_settled_fill_ms.p99} ms |`,
        `| lost orders | ${lost} |`,
        `| stack CPU when idle | ${report.idle_cores} cores |`,
        `| stack CPU per order written (${written}), beyond idle | ${stackCpuMs} ms (${Object.entries(
          cpuMsPerOrder,
        )
          .map(([name, ms]) => `${name} ${ms}`)
          .join(', ')}) |`,
        '',
      ].join('\n'),
    );
    console.log(JSON.stringify(report, null, 2));
  } finally {
    await stack.stop();
    if (process.env['BENCH_KEEP'] === '1') console.error(`stack logs kept in ${dir}`);
    else rmSync(dir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
