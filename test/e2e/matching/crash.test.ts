import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { moveMoney } from '../../../functions/balances/dynamo-movements';
import { createAwsClients } from '../../../shared/aws/clients';
import { storedOrder } from '../../../functions/orders/dynamo-order-store';
import { DynamoJournal } from '../../../matching-service/src/adapters/dynamo-journal';
import type { OrderCommand } from '../../../shared/contracts/commands';
import { tradeIdOf } from '../../../shared/market-data/items';
import { counterWrite } from '../../../shared/trading/balance-writes';
import { accountPk, openOrdersKey } from '../../../shared/trading/keys';
import type { OrderItem } from '../../../shared/trading/order-items';
import { localEnv } from '../../support/local-stack';
import { matchingSandbox } from '../../support/matching-sandbox';
import { seeded } from '../../support/prng';
import { queueDepth, waitFor } from '../../support/polling';
import { randomOrder } from './order-stream';
import { recoveriesOf } from './recoveries';
import { drained, matchingBundle, MatchingProcess } from './support';

/**
 * A sustained stream of orders (limits, IOCs, market orders by quantity and by quote amount,
 * cancels; see `randomOrder`) into a matching service that is killed with SIGKILL at 20
 * random moments and restarted each time. The service gets a queue, journal and market-data
 * table of its own (the stack's service keeps its own) and settles into the stack's Trading
 * table, so everything after the queue is the real thing. Afterwards: no lost or duplicated
 * fill, every order final with nothing locked, every ledger complete, every asset conserved
 * (what the users hold plus the fees they paid is what they deposited; the fee account is
 * credited in the same transactions and shared with the rest of the suite), and every restart
 * recovered (snapshot + journal) the very state hash of an uninterrupted replay of the journal.
 */
const KILLS = 20;
const ORDERS = 360;
const USERS = 6;
const FUNDS = { USDT: 1_000_000n * 10n ** 8n, ETH: 100n * 10n ** 8n };

const documents = () =>
  DynamoDBDocumentClient.from(new DynamoDBClient({}), {
    marshallOptions: { removeUndefinedValues: true },
    unmarshallOptions: { wrapNumbers: true },
  });
const trading = () => localEnv()['TRADING_TABLE']!;
const big = (value: unknown) => BigInt((value as { value: string } | undefined)?.value ?? '0');

async function query(pk: string, prefix: string) {
  const items: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await documents().send(
      new QueryCommand({
        TableName: trading(),
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': pk, ':prefix': prefix },
        ConsistentRead: true,
        ExclusiveStartKey: start,
      }),
    );
    items.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
  } while (start !== undefined);
  return items;
}

let service: MatchingProcess | undefined;
let bundle = '';
beforeAll(async () => {
  bundle = await matchingBundle();
}, 60_000);
afterAll(async () => service?.stop());

describe('matching service crash recovery', () => {
  it('loses and duplicates nothing when killed at 20 random points of a sustained stream', async () => {
    // Arrange: a queue, journal and market-data table of this test's own, funded users.
    const sandbox = await matchingSandbox('crash', {
      MATCHING_SNAPSHOT_EVERY: '15',
      LOG_LEVEL: 'INFO',
    });
    const { run, queueUrl, journalTable } = sandbox;
    const port = String(sandbox.port);
    const sqs = new SQSClient({ useQueueUrlAsEndpoint: false });
    service = new MatchingProcess(bundle, sandbox.env, sandbox.log);
    const users = Array.from({ length: USERS }, (_, i) => `crash-${run}-u${i}`);
    for (const user of users) {
      await moveMoney(
        documents(),
        trading(),
        [
          { userId: user, asset: 'USDT' },
          { userId: user, asset: 'ETH' },
        ],
        () => ({
          balanceChanges: (['USDT', 'ETH'] as const).map((asset) => [
            {
              entryId: `${user}-${asset}-deposit`,
              type: 'DEPOSIT' as const,
              availableDelta: FUNDS[asset],
              lockedDelta: 0n,
              reference: { type: 'DEPOSIT' as const, id: user },
            },
          ]),
          items: (['USDT', 'ETH'] as const).map((asset) =>
            counterWrite(trading(), asset, 'deposits', FUNDS[asset]),
          ),
        }),
        new Date().toISOString(),
      );
    }
    const { next } = seeded(20261124);
    const orders: OrderItem[] = [];
    const send = (command: OrderCommand) =>
      sqs.send(
        new SendMessageCommand({
          QueueUrl: queueUrl,
          MessageBody: JSON.stringify(command),
          MessageGroupId: 'ETHUSDT',
          MessageDeduplicationId: command.command_id,
        }),
      );
    const cancel = (order: OrderItem) =>
      send({
        v: 1,
        type: 'cancel',
        command_id: randomUUID(),
        symbol: 'ETHUSDT',
        issued_at: Date.now(),
        order_id: order.id,
        account_id: order.user_id,
      });

    // Act: the stream; each process is killed 0.3–6 s after it has recovered and begun
    // consuming, 20 times over; then cancel whatever still rests. What a killed process held
    // comes back after the 5 s visibility timeout, so the kills land on idle waits, on batches
    // being journaled and on settlement alike.
    service.start();
    await waitFor(() => service!.health(port), 60_000);
    let killing = true;
    const killer = (async () => {
      while (service!.kills < KILLS) {
        // Only a process that has recovered and is consuming is killed, never one still booting.
        await waitFor(() => service!.health(port), 60_000);
        await new Promise((r) => setTimeout(r, 300 + next() * 5_700));
        await service!.kill();
      }
    })().finally(() => (killing = false));
    for (let n = 0; n < ORDERS || killing; n++) {
      if (orders.length > 0 && next() < 0.2) {
        await cancel(orders[Math.floor(next() * orders.length)]!);
        continue;
      }
      const user = users[Math.floor(next() * USERS)]!;
      const { item: order, command } = randomOrder(next, user);
      const lock = order.locked;
      await moveMoney(
        documents(),
        trading(),
        [{ userId: user, asset: order.lock_asset }],
        () => ({
          balanceChanges: [
            [
              {
                entryId: `${order.id}-lock`,
                type: 'ORDER_LOCK',
                availableDelta: -lock,
                lockedDelta: lock,
                reference: { type: 'ORDER', id: order.id },
              },
            ],
          ],
          items: [
            { Put: { TableName: trading(), Item: storedOrder(order) } },
            {
              Update: {
                TableName: trading(),
                Key: openOrdersKey(user),
                UpdateExpression: 'ADD #count :one',
                ExpressionAttributeNames: { '#count': 'count' },
                ExpressionAttributeValues: { ':one': 1 },
              },
            },
          ],
        }),
        order.created_at,
      );
      orders.push(order);
      await send(command);
      await new Promise((r) => setTimeout(r, 40));
    }
    await killer;
    await drained(queueUrl, () => service!.health(port));
    for (const order of orders) await cancel(order);
    await drained(queueUrl, () => service!.health(port));

    // Assert
    const journal = new DynamoJournal(documents(), journalTable, 'test');
    const recoveries = await recoveriesOf(
      sandbox.logPath,
      new DynamoJournal(createAwsClients().documents, journalTable, 'test'),
      'ETHUSDT',
    );
    const trades = new Set<string>();
    for await (const record of journal.readAfter('ETHUSDT', 0)) {
      for (const entry of record.entries) {
        for (const e of entry.events)
          if (e.type === 'trade') trades.add(tradeIdOf('ETHUSDT', e.seq));
      }
    }
    const filled = new Map<string, bigint>();
    const seen = new Map<string, string[]>();
    const fees = { USDT: 0n, ETH: 0n };
    const totals = { USDT: 0n, ETH: 0n };
    for (const user of users) {
      for (const t of await query(accountPk(user), 'TRADE#')) {
        const id = t['id'] as string;
        seen.set(id, [...(seen.get(id) ?? []), t['role'] as string]);
        filled.set(
          t['order_id'] as string,
          (filled.get(t['order_id'] as string) ?? 0n) + big(t['quantity']),
        );
        fees[t['fee_asset'] as 'USDT' | 'ETH'] += big(t['fee']);
      }
      for (const asset of ['USDT', 'ETH'] as const) {
        const [balance] = await query(accountPk(user), `BALANCE#${asset}`);
        const ledger = await query(accountPk(user), `LEDGER#`);
        const sum = ledger
          .filter((l) => l['asset'] === asset)
          .reduce((total, l) => total + big(l['amount']), 0n);
        expect(big(balance!['locked']), `${user} ${asset} locked`).toBe(0n);
        expect(sum, `${user} ${asset} ledger`).toBe(big(balance!['available']));
        totals[asset] += big(balance!['available']);
      }
    }
    const stored = await Promise.all(
      orders.map(async (o) => (await query(accountPk(o.user_id), `ORDER#${o.id}`))[0]!),
    );

    expect(service.kills).toBeGreaterThanOrEqual(KILLS);
    // Each process was killed only once healthy, so each one (and the last) logged its recovery.
    expect(recoveries.length).toBeGreaterThanOrEqual(service.kills + 1);
    expect(recoveries.filter((r) => r.snapshot !== null).length).toBeGreaterThan(KILLS / 2);
    for (const r of recoveries) {
      expect(r.stateHash, `record ${r.recordSeq}`).toMatch(/^[0-9a-f]{16}$/);
      expect(r.stateHash, `record ${r.recordSeq}`).toBe(r.uninterrupted);
    }
    expect(await queueDepth(queueUrl)).toBe(0);
    expect(trades.size).toBeGreaterThan(20);
    expect([...seen.keys()].sort()).toEqual([...trades].sort());
    expect([...seen.values()].every((roles) => roles.sort().join() === 'MAKER,TAKER')).toBe(true);
    // Market buys by quote amount and by quantity, and market sells, each filled at least once.
    const filledMarket = stored.filter(
      (o) => o['type'] === 'MARKET' && filled.has(o['id'] as string),
    );
    expect(filledMarket.some((o) => o['quote_order_qty'] !== null)).toBe(true);
    expect(filledMarket.some((o) => o['side'] === 'BUY' && o['quantity'] !== null)).toBe(true);
    expect(filledMarket.some((o) => o['side'] === 'SELL')).toBe(true);
    for (const o of stored) {
      expect(['FILLED', 'CANCELLED', 'EXPIRED'], `order ${o['id']}`).toContain(o['status']);
      expect(big(o['lock_remaining'])).toBe(0n);
      expect(big(o['filled_quantity'])).toBe(filled.get(o['id'] as string) ?? 0n);
    }
    for (const asset of ['USDT', 'ETH'] as const) {
      expect(totals[asset] + fees[asset], asset).toBe(FUNDS[asset] * BigInt(USERS));
    }
  }, 420_000);
});
