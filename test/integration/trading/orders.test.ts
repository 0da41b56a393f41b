import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { DeleteMessageCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlaceOrderBody } from '../../../shared/contracts/trading';
import { parseDecimal } from '../../../shared/domain/money';
import { accountPk, marketKey, outboxPk } from '../../../shared/trading/keys';
import { deposit } from '../../../functions/balances/deposit';
import { placeOrder } from '../../../functions/orders/place-order';
import { reconcileOutbox } from '../../../functions/orders/reconcile';
import { createTradingWorld, newCaller, type TradingWorld } from './support';

const units = (text: string) => parseDecimal(text, 8);
const limitBuy: PlaceOrderBody = {
  symbol: 'BTCUSDT',
  side: 'BUY',
  type: 'LIMIT',
  price: '30000',
  quantity: '0.001',
};
let world: TradingWorld;

beforeAll(async () => {
  world = await createTradingWorld();
});
afterAll(async () => {
  await world.destroy();
});

/** Every item of a user's partition, by kind of sort key. */
async function partition(userId: string) {
  const { Items = [] } = await world.documents.send(
    new QueryCommand({
      TableName: world.tableName,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': accountPk(userId) },
      ConsistentRead: true,
    }),
  );
  const kinds = Items.map((item) => String(item['sk']).split('#')[0]);
  return { items: Items, count: (kind: string) => kinds.filter((k) => k === kind).length };
}

/**
 * Receives (and deletes) messages of this file's queue until one matches: a FIFO group hands
 * out one message at a time, so earlier tests' commands come first.
 */
async function receiveUntil(match: (body: { order?: { id?: string } }) => boolean) {
  const sqs = new SQSClient({ useQueueUrlAsEndpoint: false });
  try {
    for (let attempt = 0; attempt < 20; attempt += 1) {
      const { Messages = [] } = await sqs.send(
        new ReceiveMessageCommand({
          QueueUrl: world.queueUrl,
          MaxNumberOfMessages: 10,
          WaitTimeSeconds: 1,
          MessageSystemAttributeNames: ['MessageGroupId', 'MessageDeduplicationId'],
        }),
      );
      for (const message of Messages) {
        await sqs.send(
          new DeleteMessageCommand({
            QueueUrl: world.queueUrl,
            ReceiptHandle: message.ReceiptHandle!,
          }),
        );
        if (match(JSON.parse(message.Body!))) return message;
      }
    }
    return undefined;
  } finally {
    sqs.destroy();
  }
}

async function funded(asset = 'USDT', amount = '100') {
  const caller = newCaller();
  await deposit(world.account, caller, { asset, amount });
  return caller;
}

describe('placing orders on DynamoDB', () => {
  it('writes nothing at all when funds are short', async () => {
    const caller = await funded('USDT', '20');
    const before = await partition(caller.userId);

    await expect(
      placeOrder(world.orders, caller, { ...limitBuy, client_order_id: 'too-big' }),
    ).rejects.toThrow(expect.objectContaining({ code: 'INSUFFICIENT_BALANCE' }));
    const after = await partition(caller.userId);

    expect(after.items).toEqual(before.items);
    expect(after.count('ORDER')).toBe(0);
    expect(after.count('CLIENT_ORDER')).toBe(0);
  });

  it('turns ten parallel requests with one client order id into one order and one lock', async () => {
    const caller = await funded('USDT', '1000');
    const body = { ...limitBuy, client_order_id: 'parallel-1' };

    const results = await Promise.allSettled(
      Array.from({ length: 10 }, () => placeOrder(world.orders, caller, body)),
    );
    const orders = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
    const state = await partition(caller.userId);

    expect(orders).toHaveLength(10);
    expect(new Set(orders.map((o) => o.order.id)).size).toBe(1);
    expect(orders.filter((o) => o.created)).toHaveLength(1);
    expect(state.count('ORDER')).toBe(1);
    expect(await world.account.balances.get(caller.userId, 'USDT')).toMatchObject({
      available: units('970'),
      locked: units('30'),
    });
    expect(state.items.filter((i) => i['type'] === 'ORDER_LOCK')).toHaveLength(1);
  });

  it('answers racing retries with the original order when the funds cover only one', async () => {
    const caller = await funded('USDT', '40');
    const body = { ...limitBuy, client_order_id: 'parallel-tight' };

    const results = await Promise.allSettled(
      Array.from({ length: 4 }, () => placeOrder(world.orders, caller, body)),
    );
    const refused = results.flatMap((r) => (r.status === 'rejected' ? [r.reason] : []));
    const orders = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));

    expect(refused).toEqual([]);
    expect(new Set(orders.map((o) => o.order.id)).size).toBe(1);
    expect(await world.account.balances.get(caller.userId, 'USDT')).toMatchObject({
      available: units('10'),
      locked: units('30'),
    });
  });

  it('sends the place command to the FIFO queue grouped by symbol, deduplicated by command id', async () => {
    const caller = await funded();

    const { order } = await placeOrder(world.orders, caller, limitBuy);
    const message = await receiveUntil((body) => body.order?.id === order.id);

    expect(order.dispatch).toBe('SENT');
    expect(message?.Attributes).toMatchObject({
      MessageGroupId: 'BTCUSDT',
      MessageDeduplicationId: order.command_id,
    });
    expect(JSON.parse(message!.Body!)).toMatchObject({
      type: 'place',
      order: { price: 3_000_000, quantity: 100, account_id: caller.userId },
    });
  });

  it('keeps the lock while SQS refuses every send, then sends the expired place to be refused', async () => {
    const caller = await funded();
    world.queue.failing = true;
    const { order } = await placeOrder(world.orders, caller, limitBuy);

    world.clock.offsetMs = 10_000;
    const retried = await reconcileOutbox(world.orders);
    world.clock.offsetMs = 200_000;
    const expiredWhileDown = await reconcileOutbox(world.orders);
    const lockedWhileDown = await world.account.balances.get(caller.userId, 'USDT');
    world.queue.failing = false;
    const back = await reconcileOutbox(world.orders);
    world.clock.offsetMs = 0;
    const message = await receiveUntil((body) => body.order?.id === order.id);
    const stored = await world.orders.orders.get(caller.userId, order.id);
    const state = await partition(caller.userId);

    expect(retried).toMatchObject({ failed: 1, resent: 0 });
    expect(expiredWhileDown).toMatchObject({ failed: 1, resent: 0 });
    expect(lockedWhileDown).toMatchObject({ available: units('70'), locked: units('30') });
    expect(back).toMatchObject({ resent: 1, expired: 1 });
    const sent = JSON.parse(message!.Body!) as { type: string; expires_at: number };
    expect(sent.type).toBe('place');
    expect(sent.expires_at).toBeLessThan(Date.now() + 200_000);
    expect(stored).toMatchObject({ status: 'PENDING', dispatch: 'SENT' });
    expect(state.items.filter((i) => i['type'] === 'ORDER_UNLOCK')).toHaveLength(0);
  });

  it('resends an undelivered command once SQS is back', async () => {
    const caller = await funded();
    world.queue.failing = true;
    const { order } = await placeOrder(world.orders, caller, limitBuy);
    world.queue.failing = false;

    world.clock.offsetMs = 10_000;
    const counts = await reconcileOutbox(world.orders);
    world.clock.offsetMs = 0;
    const { Items = [] } = await world.documents.send(
      new QueryCommand({
        TableName: world.tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': outboxPk('BTCUSDT') },
        ConsistentRead: true,
      }),
    );

    expect(counts.resent).toBeGreaterThanOrEqual(1);
    expect((await world.orders.orders.get(caller.userId, order.id))?.dispatch).toBe('SENT');
    expect(Items.filter((item) => item['order_id'] === order.id)).toHaveLength(0);
  });

  it('refuses new orders on a halted market read from the table', async () => {
    const caller = await funded();
    await world.documents.send(
      new PutCommand({
        TableName: world.tableName,
        Item: { ...marketKey('ETHUSDT'), symbol: 'ETHUSDT', status: 'HALT' },
      }),
    );

    await expect(
      placeOrder(world.orders, caller, {
        ...limitBuy,
        symbol: 'ETHUSDT',
        price: '2000',
        quantity: '0.01',
      }),
    ).rejects.toThrow(/halted/);
  });
});
