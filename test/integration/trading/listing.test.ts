import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { USER_EVENTS_OUTBOX_PK } from '../../../shared/contracts/identity-events';
import type { PlaceOrderBody } from '../../../shared/contracts/trading';
import { parseDecimal } from '../../../shared/domain/money';
import { accountPk } from '../../../shared/trading/keys';
import { deposit } from '../../../functions/balances/deposit';
import { cancelOrder } from '../../../functions/orders/cancel-order';
import { placeOrder } from '../../../functions/orders/place-order';
import { consumeUserEvents } from '../../../functions/orders/user-events';
import { localEnv } from '../../support/local-stack';
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

async function funded(asset = 'USDT', amount = '100') {
  const caller = newCaller();
  await deposit(world.account, caller, { asset, amount });
  return caller;
}

describe('cancelling and listing on DynamoDB', () => {
  it('flags a cancel, answers another user 404, and lists by state with a cursor', async () => {
    const caller = await funded('USDT', '1000');
    const other = newCaller();
    const placed = [];
    for (let i = 0; i < 3; i += 1)
      placed.push((await placeOrder(world.orders, caller, limitBuy)).order);

    await expect(cancelOrder(world.orders, other, placed[0]!.id)).rejects.toThrow(
      expect.objectContaining({ code: 'NOT_FOUND' }),
    );
    const cancelled = await cancelOrder(world.orders, caller, placed[0]!.id);
    const first = await world.orders.orders.list(caller.userId, { limit: 2 });
    const second = await world.orders.orders.list(caller.userId, {
      limit: 2,
      cursor: first.nextCursor!,
    });
    const sells = await world.orders.orders.list(caller.userId, { limit: 10, side: 'SELL' });
    const active = await world.orders.orders.active(caller.userId, {
      limit: 10,
      symbol: 'BTCUSDT',
    });
    const history = await world.orders.orders.history(caller.userId, { limit: 10 });
    const future = await world.orders.orders.list(caller.userId, {
      limit: 10,
      from: '2999-01-01T00:00:00Z',
    });

    expect(cancelled.cancel_requested).toBe(true);
    expect([...first.items, ...second.items].map((o) => o.id)).toEqual(
      placed.map((o) => o.id).reverse(),
    );
    expect(sells.items).toHaveLength(0);
    expect(active.items).toHaveLength(3);
    expect(history.items).toHaveLength(0);
    expect(future.items).toHaveLength(0);
    await expect(
      world.orders.orders.list(other.userId, { limit: 2, cursor: first.nextCursor! }),
    ).rejects.toThrow(expect.objectContaining({ code: 'VALIDATION_ERROR' }));
  });

  it('sends one cancel command and audits one request when two cancels race', async () => {
    const caller = await funded('USDT', '1000');
    const { order } = await placeOrder(world.orders, caller, limitBuy);
    const sent: string[] = [];
    const deps = {
      ...world.orders,
      queue: {
        send: async (command: Parameters<typeof world.queue.send>[0]) => {
          sent.push(command.type);
          await world.queue.send(command);
        },
      },
    };

    const answers = await Promise.all([
      cancelOrder(deps, caller, order.id),
      cancelOrder(deps, caller, order.id),
    ]);

    expect(answers.map((answer) => answer.cancel_requested)).toEqual([true, true]);
    expect(sent).toEqual(['cancel']);
    const audited = world.audit.entries.filter(
      (entry) => entry.action === 'order.cancel_requested' && entry.resource.id === order.id,
    );
    expect(audited).toHaveLength(1);
  });

  it('refuses a cursor of another list or outside the asked range, instead of a 500', async () => {
    const caller = await funded('USDT', '1000');
    await placeOrder(world.orders, caller, limitBuy);
    await placeOrder(world.orders, caller, limitBuy);
    const orders = await world.orders.orders.list(caller.userId, { limit: 1 });
    const ledger = await world.account.history.ledger(caller.userId, { limit: 1 });
    const invalidCursor = expect.objectContaining({
      code: 'VALIDATION_ERROR',
      fields: [expect.objectContaining({ field: 'cursor' })],
    });

    await expect(
      world.orders.orders.list(caller.userId, {
        limit: 1,
        cursor: orders.nextCursor!,
        from: '2999-01-01T00:00:00Z',
      }),
    ).rejects.toThrow(invalidCursor);
    await expect(
      world.orders.orders.list(caller.userId, { limit: 1, cursor: ledger.nextCursor! }),
    ).rejects.toThrow(invalidCursor);
    await expect(
      world.account.history.ledger(caller.userId, { limit: 1, cursor: orders.nextCursor! }),
    ).rejects.toThrow(invalidCursor);
  });

  it('cancels the open orders of a user identity suspended', async () => {
    const caller = await funded('USDT', '1000');
    const { order } = await placeOrder(world.orders, caller, limitBuy);
    const occurredAt = new Date(Date.now() - 60_000).toISOString();
    const eventId = randomUUID();
    await world.clients.documents.send(
      new PutCommand({
        TableName: localEnv()['USERS_TABLE']!,
        Item: {
          pk: USER_EVENTS_OUTBOX_PK,
          sk: `${occurredAt}#${eventId}`,
          version: 1,
          type: 'user.suspended',
          event_id: eventId,
          user_id: caller.userId,
          occurred_at: occurredAt,
          actor: 'admin',
          reason: 'fraud review',
          from_status: 'ACTIVE',
        },
      }),
    );

    const handled = await consumeUserEvents({
      ...world.orders,
      events: world.events,
      cursors: world.cursors,
    });

    expect(handled).toBeGreaterThanOrEqual(1);
    expect((await world.orders.orders.get(caller.userId, order.id))?.cancel_requested).toBe(true);
    expect(await world.cursors.get('USER_EVENTS')).toMatch(/^\d{4}-/);
  });

  it('lists fills written by settlement, for the account and for admins', async () => {
    const taker = newCaller();
    const maker = newCaller();
    const executedAt = new Date().toISOString();
    const trade = {
      id: randomUUID(),
      symbol: 'BTCUSDT',
      price: 3_000_000n,
      quantity: 100n,
      quote_amount: units('30'),
      executed_at: executedAt,
    };
    const documents = world.documents;
    for (const [side, role, self, counter] of [
      ['BUY', 'TAKER', taker, maker],
      ['SELL', 'MAKER', maker, taker],
    ] as const) {
      await documents.send(
        new PutCommand({
          TableName: world.tableName,
          Item: {
            pk: accountPk(self.userId),
            sk: `TRADE#${executedAt}#${trade.id}#${role}`,
            ...trade,
            user_id: self.userId,
            order_id: `${role}-order`,
            side,
            role,
            fee: role === 'TAKER' ? 150n : units('0.03'),
            fee_asset: role === 'TAKER' ? 'BTC' : 'USDT',
            counterparty_order_id: `${role === 'TAKER' ? 'MAKER' : 'TAKER'}-order`,
            counterparty_user_id: counter.userId,
            ...(role === 'TAKER'
              ? { gsi2pk: 'TRADES#BTCUSDT', gsi2sk: `${executedAt}#${trade.id}` }
              : {}),
          },
        }),
      );
    }

    const mine = await world.account.history.trades(taker.userId, { limit: 10 });
    const all = await world.admin.queries.trades({ limit: 10 });

    expect(mine.items).toEqual([
      expect.objectContaining({ id: trade.id, role: 'TAKER', fee: 150n }),
    ]);
    expect(all.items.map((t) => t.id)).toEqual([trade.id]);
  });
});
