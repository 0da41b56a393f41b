import { beforeAll, describe, expect, it } from 'vitest';
import { signInNewMember } from '../../support/users';
import { send } from '../../support/api';
import { call } from '../../support/http';
import { localEnv } from '../../support/local-stack';
import { signInNewUser, type SignedInUser } from '../../support/users';

const api = () => localEnv()['API_URL']!;

const limitBuy = {
  symbol: 'BTCUSDT',
  side: 'BUY',
  type: 'LIMIT',
  price: '30000',
  quantity: '0.001',
};

let trader: SignedInUser;
let other: SignedInUser;
let admin: { userId: string; accessToken: string };

beforeAll(async () => {
  [trader, other, admin] = await Promise.all([
    signInNewUser('trader'),
    signInNewUser('other'),
    signInNewMember(['admin']),
  ]);
});

describe('trading through the gateway', () => {
  it('funds an account from the sandbox faucet and shows every balance', async () => {
    const funded = await send('POST', '/account/deposit', trader.accessToken, {
      asset: 'USDT',
      amount: '1000',
    });
    const balances = await send('GET', '/account/balances', trader.accessToken);
    const one = await send('GET', '/account/balances/USDT', trader.accessToken);
    const unknown = await send('GET', '/account/balances/DOGE', trader.accessToken);

    expect(funded.status).toBe(200);
    expect(funded.body.data).toEqual({ asset: 'USDT', available: '1000', locked: '0' });
    expect(balances.body.data.items).toEqual(
      expect.arrayContaining([
        { asset: 'USDT', available: '1000', locked: '0' },
        { asset: 'BTC', available: '0', locked: '0' },
      ]),
    );
    expect(one.body.data.available).toBe('1000');
    expect(unknown.status).toBe(404);
  });

  it('places, reads, repeats and cancels an order, locking exactly what it needs', async () => {
    const placed = await send('POST', '/orders', trader.accessToken, {
      ...limitBuy,
      client_order_id: 'e2e-1',
    });
    const id = placed.body.data.id as string;
    const repeat = await send('POST', '/orders', trader.accessToken, {
      ...limitBuy,
      client_order_id: 'e2e-1',
    });
    const clash = await send('POST', '/orders', trader.accessToken, {
      ...limitBuy,
      price: '29000',
      client_order_id: 'e2e-1',
    });
    const read = await send('GET', `/orders/${id}`, trader.accessToken);
    const active = await send('GET', '/orders/active?symbol=BTCUSDT', trader.accessToken);
    const balance = await send('GET', '/account/balances/USDT', trader.accessToken);
    const ledger = await send('GET', '/account/ledger?asset=USDT', trader.accessToken);
    const cancelled = await send('DELETE', `/orders/${id}`, trader.accessToken);

    expect(placed.status).toBe(201);
    expect(placed.body.data).toMatchObject({
      status: 'PENDING',
      price: '30000',
      quantity: '0.001',
    });
    expect(repeat.status).toBe(200);
    expect(repeat.body.data.id).toBe(id);
    expect(clash.status).toBe(409);
    expect(read.body.data.id).toBe(id);
    expect(active.body.data.items.map((o: { id: string }) => o.id)).toContain(id);
    expect(balance.body.data).toEqual({ asset: 'USDT', available: '970', locked: '30' });
    expect(ledger.body.data.items.map((e: { type: string }) => e.type)).toEqual([
      'ORDER_LOCK',
      'DEPOSIT',
    ]);
    expect(ledger.body.data.items[0]).toMatchObject({
      amount: '0',
      locked_change: '30',
      balance_after: '1000',
    });
    expect(cancelled.status).toBe(202);
    expect(cancelled.body.data).toMatchObject({ id, cancel_requested: true });
  });

  it('answers another user 404 on get and cancel', async () => {
    const placed = await send('POST', '/orders', trader.accessToken, limitBuy);
    const id = placed.body.data.id as string;

    const read = await send('GET', `/orders/${id}`, other.accessToken);
    const cancel = await send('DELETE', `/orders/${id}`, other.accessToken);

    expect(read.status).toBe(404);
    expect(cancel.status).toBe(404);
    expect(read.body.error.code).toBe('NOT_FOUND');
  });

  it.each([
    [{ ...limitBuy, price: '30000.001' }, 'price'],
    [{ ...limitBuy, quantity: '1e-3' }, 'quantity'],
    [{ ...limitBuy, quantity: '-0.001' }, 'quantity'],
    [{ ...limitBuy, symbol: 'FOOBAR' }, 'symbol'],
    [{ ...limitBuy, price: '1', quantity: '0.001' }, 'quantity'],
    [{ ...limitBuy, side: 'SIDEWAYS' }, 'side'],
  ])('refuses %j with 400 naming %s', async (body, field) => {
    const answer = await send('POST', '/orders', trader.accessToken, body);

    expect(answer.status).toBe(400);
    expect(answer.body.error.details.fields.map((f: { field: string }) => f.field)).toContain(
      field,
    );
  });

  it('answers 422 when funds are short and 409 past the faucet cap', async () => {
    const short = await send('POST', '/orders', other.accessToken, limitBuy);
    const first = await send('POST', '/account/deposit', other.accessToken, {
      asset: 'ETH',
      amount: '10',
    });
    const capped = await send('POST', '/account/deposit', other.accessToken, {
      asset: 'ETH',
      amount: '0.1',
    });

    expect(short.status).toBe(422);
    expect(short.body.error.code).toBe('INSUFFICIENT_BALANCE');
    expect(first.status).toBe(200);
    expect(capped.status).toBe(409);
  });

  it('shows the fee tier and the schedule', async () => {
    const answer = await send('GET', '/account/fee-tier', trader.accessToken);

    expect(answer.body.data).toMatchObject({
      fee_tier: 1,
      maker_fee_rate: '0.001',
      taker_fee_rate: '0.0015',
      fee_asset: 'received',
    });
    expect(answer.body.data.tiers).toHaveLength(5);
  });

  it('keeps every admin trading route from a trader', async () => {
    const answers = await Promise.all([
      send('GET', '/admin/system-stats', trader.accessToken),
      send('GET', '/admin/orders', trader.accessToken),
      send('GET', '/admin/withdrawals', trader.accessToken),
      send('POST', `/admin/users/${trader.userId}/balances/adjust`, trader.accessToken, {
        asset: 'USDT',
        amount: '1000000',
        reason: 'free money',
      }),
    ]);

    expect(answers.map((a) => a.status)).toEqual([403, 403, 403, 403]);
  });

  it('withdraws after KYC: requested, listed, approved, and the books still balance', async () => {
    const refused = await send('POST', '/account/withdraw', trader.accessToken, {
      asset: 'USDT',
      amount: '100',
      address: '0x52908400098527886E0F7030069857D2E4169EE7',
    });
    const kyc = await send('PUT', `/admin/users/${trader.userId}/kyc`, admin.accessToken, {
      kyc_level: 1,
      reason: 'documents verified',
    });
    const requested = await send('POST', '/account/withdraw', trader.accessToken, {
      asset: 'USDT',
      amount: '100',
      address: '0x52908400098527886E0F7030069857D2E4169EE7',
    });
    const queue = await send(
      'GET',
      '/admin/withdrawals?status=PENDING&limit=100',
      admin.accessToken,
    );
    const approved = await send(
      'POST',
      `/admin/withdrawals/${requested.body.data.id}/approve`,
      admin.accessToken,
      {},
    );
    const adjusted = await send(
      'POST',
      `/admin/users/${trader.userId}/balances/adjust`,
      admin.accessToken,
      {
        asset: 'USDT',
        amount: '-0.5',
        reason: 'network fee',
      },
    );
    const stats = await send('GET', '/admin/system-stats', admin.accessToken);
    const orders = await send('GET', `/admin/orders?user_id=${trader.userId}`, admin.accessToken);
    const everyMarket = await send('GET', '/admin/orders?limit=5', admin.accessToken);

    expect(refused.status).toBe(403);
    expect(kyc.status).toBe(200);
    expect(requested.status).toBe(201);
    expect(requested.body.data).toMatchObject({ status: 'PENDING', amount: '100' });
    expect(queue.body.data.items.map((w: { id: string }) => w.id)).toContain(
      requested.body.data.id,
    );
    expect(approved.body.data).toMatchObject({ status: 'APPROVED', user_id: trader.userId });
    expect(adjusted.body.data.asset).toBe('USDT');
    for (const asset of ['BTC', 'ETH', 'USDT']) {
      expect(stats.body.data.assets[asset], asset).toMatchObject({ conserved: true });
    }
    expect(orders.body.data.items.length).toBeGreaterThanOrEqual(2);
    expect(everyMarket.status).toBe(200);
  });

  it('runs the reconciler on demand for an admin', async () => {
    const answer = await send('POST', '/admin/trading/reconcile', admin.accessToken);

    expect(answer.status).toBe(200);
    expect(answer.body.data).toMatchObject({ failed: 0 });
  });

  it('documents the trading routes in the OpenAPI document', async () => {
    const { body } = await call(`${api()}/openapi.json`);

    expect(Object.keys(body.paths)).toEqual(
      expect.arrayContaining([
        '/api/orders',
        '/api/orders/{id}',
        '/api/account/ledger',
        '/api/admin/system-stats',
      ]),
    );
  });
});
