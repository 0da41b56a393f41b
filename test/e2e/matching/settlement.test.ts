import { beforeAll, describe, expect, it } from 'vitest';
import { send } from '../../support/api';
import { signInNewMember, type SignedInUser } from '../../support/users';

/**
 * Orders placed through the HTTP API are matched by the running matching service and settled
 * into orders, balances, ledger, trades and fees. ETHUSDT in the 3000s is this file's price
 * band; no other test trades there.
 */

async function eventually<T>(probe: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const value = await probe();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((r) => setTimeout(r, 150));
  }
}

const order = (user: SignedInUser, id: string) => send('GET', `/orders/${id}`, user.accessToken);
const settledOrder = async (user: SignedInUser, id: string, status: string) =>
  (
    await eventually(
      () => order(user, id),
      (a) => a.body?.data?.status === status,
    )
  ).body.data;
const balance = async (user: SignedInUser, asset: string) =>
  (await send('GET', `/account/balances/${asset}`, user.accessToken)).body.data;
const place = async (user: SignedInUser, body: Record<string, unknown>) => {
  const answer = await send('POST', '/orders', user.accessToken, { symbol: 'ETHUSDT', ...body });
  expect(answer.status).toBe(201);
  return answer.body.data.id as string;
};

let seller: SignedInUser;
let buyer: SignedInUser;
let admin: SignedInUser;

beforeAll(async () => {
  [seller, buyer, admin] = await Promise.all([
    signInNewMember([], 'seller'),
    signInNewMember([], 'buyer'),
    signInNewMember(['admin']),
  ]);
  await send('POST', '/account/deposit', seller.accessToken, { asset: 'ETH', amount: '2' });
  await send('POST', '/account/deposit', buyer.accessToken, { asset: 'USDT', amount: '10000' });
});

describe('matching and settlement through the running stack', () => {
  it('fills a crossing pair at the maker price, refunds the improvement and charges fees', async () => {
    const ask = await place(seller, {
      side: 'SELL',
      type: 'LIMIT',
      price: '3100',
      quantity: '0.5',
    });
    const bid = await place(buyer, { side: 'BUY', type: 'LIMIT', price: '3150', quantity: '0.5' });

    const made = await settledOrder(seller, ask, 'FILLED');
    const took = await settledOrder(buyer, bid, 'FILLED');
    const buyerTrades = await send('GET', '/account/trades?symbol=ETHUSDT', buyer.accessToken);

    expect(made).toMatchObject({ filled_quantity: '0.5', average_price: '3100' });
    expect(took).toMatchObject({ filled_quantity: '0.5', average_price: '3100' });
    // 1550 USDT paid at 3100 (not 1575 at the limit); 0.15 % taker fee in ETH.
    expect(await balance(buyer, 'USDT')).toEqual({
      asset: 'USDT',
      available: '8450',
      locked: '0',
    });
    expect(await balance(buyer, 'ETH')).toMatchObject({ available: '0.49925', locked: '0' });
    // 0.10 % maker fee in USDT on 1550.
    expect(await balance(seller, 'USDT')).toMatchObject({ available: '1548.45', locked: '0' });
    expect(await balance(seller, 'ETH')).toMatchObject({ available: '1.5', locked: '0' });
    expect(buyerTrades.body.data.items[0]).toMatchObject({
      order_id: bid,
      side: 'BUY',
      role: 'TAKER',
      price: '3100',
      quantity: '0.5',
      fee: '0.00075',
      fee_asset: 'ETH',
    });
  });

  it('rests, then cancels and releases the lock', async () => {
    const bid = await place(buyer, { side: 'BUY', type: 'LIMIT', price: '3001', quantity: '1' });
    const resting = await eventually(
      () => balance(buyer, 'USDT'),
      (b) => b.locked === '3001',
    );

    const cancel = await send('DELETE', `/orders/${bid}`, buyer.accessToken);
    const cancelled = await settledOrder(buyer, bid, 'CANCELLED');

    expect(resting.locked).toBe('3001');
    expect(cancel.status).toBe(202);
    expect(cancelled.filled_quantity).toBe('0');
    expect(await balance(buyer, 'USDT')).toMatchObject({ available: '8450', locked: '0' });
  });

  it('expires an IOC remainder and a market order without liquidity, returning every lock', async () => {
    const ask = await place(seller, {
      side: 'SELL',
      type: 'LIMIT',
      price: '3200',
      quantity: '0.2',
    });
    const ioc = await place(buyer, {
      side: 'BUY',
      type: 'LIMIT',
      price: '3200',
      quantity: '0.3',
      time_in_force: 'IOC',
    });

    const partly = await settledOrder(buyer, ioc, 'EXPIRED');
    await settledOrder(seller, ask, 'FILLED');
    const dry = await place(buyer, { side: 'BUY', type: 'MARKET', quote_order_qty: '100' });
    const unfilled = await settledOrder(buyer, dry, 'EXPIRED');

    expect(partly.filled_quantity).toBe('0.2');
    expect(unfilled.filled_quantity).toBe('0');
    expect(await balance(buyer, 'USDT')).toMatchObject({ available: '7810', locked: '0' });
  });

  it('fills a market buy by quote as far as its budget buys whole lots, returning the rest', async () => {
    const ask = await place(seller, {
      side: 'SELL',
      type: 'LIMIT',
      price: '3250',
      quantity: '0.1',
    });
    const buy = await place(buyer, { side: 'BUY', type: 'MARKET', quote_order_qty: '100' });

    // 100 USDT buys 0.0307 ETH at 3250 (99.775 USDT); 0.225 USDT cannot pay for one more lot.
    const filled = await settledOrder(buyer, buy, 'FILLED');
    await send('DELETE', `/orders/${ask}`, seller.accessToken);
    await settledOrder(seller, ask, 'CANCELLED');

    expect(filled).toMatchObject({
      status: 'FILLED',
      filled_quantity: '0.0307',
      reject_reason: null,
    });
    expect(await balance(buyer, 'USDT')).toMatchObject({ available: '7710.225', locked: '0' });
  });

  it('rejects a post-only order that would take, and keeps the books conserved', async () => {
    const ask = await place(seller, {
      side: 'SELL',
      type: 'LIMIT',
      price: '3300',
      quantity: '0.1',
    });
    const postOnly = await place(buyer, {
      side: 'BUY',
      type: 'LIMIT',
      price: '3300',
      quantity: '0.1',
      post_only: true,
    });

    const rejected = await settledOrder(buyer, postOnly, 'REJECTED');
    await send('DELETE', `/orders/${ask}`, seller.accessToken);
    await settledOrder(seller, ask, 'CANCELLED');
    const stats = await send('GET', '/admin/system-stats', admin.accessToken);

    expect(rejected.reject_reason).toBe('POST_ONLY_WOULD_TAKE');
    for (const asset of ['ETH', 'USDT']) {
      expect(stats.body.data.assets[asset], asset).toMatchObject({ conserved: true });
    }
  });
});
