import './support/env';
import { beforeEach, describe, expect, it } from 'vitest';
import { placeOrderRoute as contract } from '../../../shared/contracts/trading';
import { apiHandler } from '../../../shared/http/api-handler';
import { parseDecimal } from '../../../shared/domain/money';
import { placeOrderRoute } from '../../../functions/orders/place-order.handler';
import { orderFakes, silentLogger } from './support/fakes';
import { invoke } from './support/requests';

const USDT = (text: string) => parseDecimal(text, 8);
const limitBuy = {
  symbol: 'BTCUSDT',
  side: 'BUY',
  type: 'LIMIT',
  price: '30000',
  quantity: '0.001',
};

let fakes: ReturnType<typeof orderFakes>;
let handler: ReturnType<typeof apiHandler<typeof contract>>;
const place = (body: unknown, userId = 'user-1') =>
  invoke(handler, { method: 'POST', path: '/api/orders', body, userId });

beforeEach(() => {
  fakes = orderFakes();
  fakes.store.fund('user-1', 'USDT', USDT('1000'));
  fakes.store.fund('user-1', 'BTC', USDT('1'));
  handler = apiHandler(contract, placeOrderRoute(fakes.deps), silentLogger);
});

describe('POST /api/orders validation', () => {
  it.each([
    ['a price off the tick', { ...limitBuy, price: '30000.001' }, 'price'],
    ['a quantity off the lot', { ...limitBuy, quantity: '0.000011' }, 'quantity'],
    ['a notional under 10 USDT', { ...limitBuy, price: '100', quantity: '0.001' }, 'quantity'],
    ['an unknown symbol', { ...limitBuy, symbol: 'DOGEUSDT' }, 'symbol'],
    ['a malformed symbol', { ...limitBuy, symbol: 'btc-usdt' }, 'symbol'],
    ['an unknown side', { ...limitBuy, side: 'HOLD' }, 'side'],
    ['an unknown type', { ...limitBuy, type: 'STOP' }, 'type'],
    ['a LIMIT without price', { ...limitBuy, price: undefined }, 'price'],
    ['a LIMIT without quantity', { ...limitBuy, quantity: undefined }, 'quantity'],
    ['a negative quantity', { ...limitBuy, quantity: '-0.001' }, 'quantity'],
    ['a zero price', { ...limitBuy, price: '0' }, 'price'],
    ['exponent notation', { ...limitBuy, quantity: '1e-3' }, 'quantity'],
    ['too many decimals', { ...limitBuy, quantity: `0.${'0'.repeat(18)}1` }, 'quantity'],
    ['a number instead of a string', { ...limitBuy, quantity: 0.001 }, 'quantity'],
    ['an unknown field', { ...limitBuy, leverage: '10' }, 'leverage'],
    ['a quantity over the maximum', { ...limitBuy, price: '0.01', quantity: '9001' }, 'quantity'],
    ['a notional over the KYC limit', { ...limitBuy, quantity: '1' }, 'quantity'],
    ['a MARKET with a price', { ...limitBuy, type: 'MARKET' }, 'price'],
    [
      'post_only on a MARKET',
      { symbol: 'BTCUSDT', side: 'SELL', type: 'MARKET', quantity: '0.001', post_only: true },
      'post_only',
    ],
    ['post_only with IOC', { ...limitBuy, post_only: true, time_in_force: 'IOC' }, 'post_only'],
    ['an unknown time in force', { ...limitBuy, time_in_force: 'GTD' }, 'time_in_force'],
    [
      'a MARKET GTC',
      { symbol: 'BTCUSDT', side: 'SELL', type: 'MARKET', quantity: '0.001', time_in_force: 'GTC' },
      'time_in_force',
    ],
    [
      'quote_order_qty on a SELL',
      { symbol: 'BTCUSDT', side: 'SELL', type: 'MARKET', quote_order_qty: '50' },
      'quote_order_qty',
    ],
    [
      'both quantity and quote_order_qty',
      { symbol: 'BTCUSDT', side: 'BUY', type: 'MARKET', quantity: '0.001', quote_order_qty: '50' },
      'quantity',
    ],
    [
      'quote_order_qty off the tick×lot unit',
      { symbol: 'BTCUSDT', side: 'BUY', type: 'MARKET', quote_order_qty: '50.00000001' },
      'quote_order_qty',
    ],
    [
      'a MARKET BUY by quantity with no book',
      { symbol: 'BTCUSDT', side: 'BUY', type: 'MARKET', quantity: '0.001' },
      'quantity',
    ],
    [
      'a client_order_id of 37 characters',
      { ...limitBuy, client_order_id: 'a'.repeat(37) },
      'client_order_id',
    ],
    ['a client_order_id with a space', { ...limitBuy, client_order_id: 'a b' }, 'client_order_id'],
  ])('refuses %s with VALIDATION_ERROR naming the field', async (_name, body, field) => {
    const answer = await place(body);

    expect(answer.status).toBe(400);
    expect(answer.body.error.code).toBe('VALIDATION_ERROR');
    expect(answer.body.error.details.fields.map((f: { field: string }) => f.field)).toContain(
      field,
    );
    expect(fakes.store.orders.size).toBe(0);
    expect(fakes.store.balance('user-1', 'USDT')).toEqual({ available: USDT('1000'), locked: 0n });
  });

  it('refuses an empty body', async () => {
    const answer = await invoke(handler, { method: 'POST', path: '/api/orders', body: undefined });

    expect(answer.status).toBe(400);
  });
});

describe('POST /api/orders', () => {
  it('answers 201 with the order in the documented shape and sends the place command', async () => {
    const answer = await place({ ...limitBuy, client_order_id: 'my-1' });

    expect(answer.status).toBe(201);
    expect(Object.keys(answer.body.data).sort()).toEqual(
      [
        'id',
        'client_order_id',
        'symbol',
        'side',
        'type',
        'time_in_force',
        'quantity',
        'price',
        'filled_quantity',
        'average_price',
        'status',
        'created_at',
        'updated_at',
        'post_only',
        'quote_order_qty',
        'filled_quote',
        'cancel_requested',
        'reject_reason',
      ].sort(),
    );
    expect(answer.body.data).toMatchObject({
      client_order_id: 'my-1',
      symbol: 'BTCUSDT',
      side: 'BUY',
      type: 'LIMIT',
      time_in_force: 'GTC',
      quantity: '0.001',
      price: '30000',
      filled_quantity: '0',
      average_price: null,
      status: 'PENDING',
    });
    expect(fakes.queue.sent).toEqual([
      expect.objectContaining({
        type: 'place',
        symbol: 'BTCUSDT',
        expires_at: expect.any(Number),
        order: expect.objectContaining({ price: 3_000_000, quantity: 100, account_id: 'user-1' }),
      }),
    ]);
    expect(fakes.store.balance('user-1', 'USDT')).toEqual({
      available: USDT('970'),
      locked: USDT('30'),
    });
    expect(fakes.audit.actions()).toEqual(['order.placed']);
  });

  it('locks base for a sell and the protected price for a market buy by quantity', async () => {
    fakes.books.tops.set('BTCUSDT', { bestBid: 2_990_000n, bestAsk: 3_000_000n });

    const sell = await place({ symbol: 'BTCUSDT', side: 'SELL', type: 'MARKET', quantity: '0.01' });
    const buy = await place({ symbol: 'BTCUSDT', side: 'BUY', type: 'MARKET', quantity: '0.001' });

    expect(sell.status).toBe(201);
    expect(buy.status).toBe(201);
    expect(fakes.store.balance('user-1', 'BTC').locked).toBe(USDT('0.01'));
    expect(fakes.store.balance('user-1', 'USDT').locked).toBe(USDT('31.5'));
    expect(fakes.queue.sent[1]).toMatchObject({
      order: { quantity: 100, quote_limit: 315_000_000 },
    });
  });

  it('locks exactly the quote amount of a market buy by quote_order_qty', async () => {
    const answer = await place({
      symbol: 'BTCUSDT',
      side: 'BUY',
      type: 'MARKET',
      quote_order_qty: '25.5',
    });

    expect(answer.body.data).toMatchObject({
      quote_order_qty: '25.5',
      quantity: null,
      time_in_force: 'IOC',
    });
    expect(fakes.store.balance('user-1', 'USDT').locked).toBe(USDT('25.5'));
    expect(fakes.queue.sent[0]).toMatchObject({ order: { quote_amount: 255_000_000 } });
  });

  it('answers 422 and writes nothing when funds are short', async () => {
    const answer = await place({ ...limitBuy, quantity: '0.05' }, 'user-1');

    expect(answer.status).toBe(422);
    expect(answer.body.error.code).toBe('INSUFFICIENT_BALANCE');
    expect(fakes.store.orders.size).toBe(0);
    expect(fakes.queue.sent).toHaveLength(0);
  });

  it('answers the original order with 200 for a repeat and 409 for a different order', async () => {
    const first = await place({ ...limitBuy, client_order_id: 'dup' });

    const repeat = await place({ ...limitBuy, price: '30000.00', client_order_id: 'dup' });
    const different = await place({ ...limitBuy, price: '31000', client_order_id: 'dup' });

    expect(repeat.status).toBe(200);
    expect(repeat.body.data.id).toBe(first.body.data.id);
    expect(different.status).toBe(409);
    expect(different.body.error.code).toBe('CONFLICT');
    expect(fakes.store.orders.size).toBe(1);
    expect(fakes.store.balance('user-1', 'USDT').locked).toBe(USDT('30'));
  });

  it('answers the original order for a repeat after the market halted or the account was suspended', async () => {
    const first = await place({ ...limitBuy, client_order_id: 'retry' });
    fakes.markets.statuses.set('BTCUSDT', 'HALT');
    const afterHalt = await place({ ...limitBuy, client_order_id: 'retry' });
    fakes.markets.statuses.clear();
    fakes.profiles.profiles.set('user-1', {
      status: 'SUSPENDED',
      kycLevel: 1,
      feeTier: 1,
      mfaEnabled: false,
    });

    const afterSuspension = await place({ ...limitBuy, client_order_id: 'retry' });
    const fresh = await place({ ...limitBuy, client_order_id: 'new' });

    expect(afterHalt.status).toBe(200);
    expect(afterHalt.body.data.id).toBe(first.body.data.id);
    expect(afterSuspension.status).toBe(200);
    expect(afterSuspension.body.data.id).toBe(first.body.data.id);
    expect(fresh.status).toBe(403);
    expect(fakes.store.orders.size).toBe(1);
  });

  it('refuses a halted or cancel-only market and an inactive account', async () => {
    fakes.markets.statuses.set('BTCUSDT', 'HALT');
    fakes.markets.statuses.set('ETHUSDT', 'CANCEL_ONLY');
    fakes.profiles.profiles.set('user-2', {
      status: 'SUSPENDED',
      kycLevel: 1,
      feeTier: 1,
      mfaEnabled: false,
    });

    const halted = await place(limitBuy);
    const cancelOnly = await place({ ...limitBuy, symbol: 'ETHUSDT', quantity: '0.01' });
    fakes.markets.statuses.clear();
    const suspended = await place(limitBuy, 'user-2');

    expect(halted.status).toBe(409);
    expect(halted.body.error.message).toMatch(/halted/);
    expect(cancelOnly.status).toBe(409);
    expect(suspended.status).toBe(403);
    expect(fakes.store.orders.size).toBe(0);
  });

  it('answers 201 with the order PENDING when the queue is down, leaving the command in the outbox', async () => {
    fakes.queue.failing = true;

    const answer = await place(limitBuy);

    expect(answer.status).toBe(201);
    expect(answer.body.data.status).toBe('PENDING');
    expect([...fakes.store.outbox.values()].map((e) => e.kind)).toEqual(['place']);
    expect(fakes.audit.entries[0]?.details).toMatchObject({ dispatched: false });
  });

  it('refuses an API key without the trade scope', async () => {
    const answer = await invoke(handler, {
      method: 'POST',
      path: '/api/orders',
      body: limitBuy,
      authType: 'api_key',
      scopes: 'read',
    });

    expect(answer.status).toBe(403);
    expect(fakes.store.orders.size).toBe(0);
  });

  it('enforces the KYC level’s open-order limit', async () => {
    fakes.store.fund('user-1', 'USDT', USDT('100000'));
    for (let i = 0; i < 20; i += 1) expect((await place(limitBuy)).status).toBe(201);

    const one = await place(limitBuy);

    expect(one.status).toBe(409);
    expect(fakes.store.orders.size).toBe(20);
  });
});
