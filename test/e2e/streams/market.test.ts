import { describe, expect, it } from 'vitest';
import { call } from '../../support/http';
import { localEnv } from '../../support/local-stack';
import { signInNewMember, type SignedInUser } from '../../support/users';
import { applyDiff, bookOf, levelsOf } from '../../../shared/market-data/book-sync';
import { connected, openStream, subscribe, type ServerMessage } from './support';

/**
 * Public streams against the matching service: BTCUSDT at 45678.9 is this file's price (the
 * trading e2e leaves bids near 30000 and nothing sells BTCUSDT elsewhere).
 */
const PRICE = '45678.9';
const api = () => localEnv()['API_URL']!;
const send = (user: SignedInUser, method: string, path: string, body?: unknown) =>
  call(`${api()}${path}`, {
    method,
    headers: { authorization: `Bearer ${user.accessToken}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });

const until = async <T>(read: () => Promise<T>, done: (value: T) => boolean, ms = 20_000) => {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`gave up waiting: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
};

describe('public market streams', () => {
  it('keeps a book from the REST snapshot and the diffs equal to the REST book, and streams the trade and ticker', async () => {
    const [maker, taker] = await Promise.all([
      signInNewMember(['trader'], 'ws-maker'),
      signInNewMember(['trader'], 'ws-taker'),
    ]);
    await send(maker, 'POST', '/account/deposit', { asset: 'BTC', amount: '0.01' });
    await send(taker, 'POST', '/account/deposit', { asset: 'USDT', amount: '1000' });
    const stream = await openStream();
    await connected(stream);
    await subscribe(stream, ['orderbook.BTCUSDT', 'trades.BTCUSDT', 'ticker.BTCUSDT'], 1);
    const before = await call(`${api()}/markets/BTCUSDT/orderbook?limit=500`);
    const book = bookOf(before.body.data);

    const order = { symbol: 'BTCUSDT', type: 'LIMIT', price: PRICE, quantity: '0.001' };
    await send(maker, 'POST', '/orders', { ...order, side: 'SELL' });
    const bid = await send(taker, 'POST', '/orders', { ...order, side: 'BUY' });
    await until(
      () => send(taker, 'GET', `/orders/${bid.body.data.id}`),
      (answer) => answer.body.data.status === 'FILLED',
    );
    const after = (await call(`${api()}/markets/BTCUSDT/orderbook?limit=500`)).body.data;
    await stream.next((m) => m['event'] === 'diff' && m['data'].last_seq >= after.sequence);
    const diffs = stream.messages.filter((m: ServerMessage) => m['event'] === 'diff');
    for (const diff of diffs.filter((m) => m['data'].last_seq <= after.sequence)) {
      applyDiff(book, diff['data']);
    }
    const trade = await stream.next((m) => m['event'] === 'trade' && m['data'].price === PRICE);
    const ticker = await stream.next((m) => m['event'] === 'ticker' && m['data'].last === PRICE);

    expect(book.sequence).toBe(after.sequence);
    expect(levelsOf(book)).toEqual({ bids: after.bids, asks: after.asks });
    expect(trade['data']).toMatchObject({ quantity: '0.001', taker_side: 'BUY' });
    expect(ticker['channel']).toBe('ticker.BTCUSDT');
    await stream.close();
  });

  it('answers klines and a ticker that match the trades', async () => {
    const trades = (await call(`${api()}/markets/BTCUSDT/trades?limit=500`)).body.data.items;
    const ours = trades.filter((t: { price: string }) => t.price === PRICE);
    const ticker = (await call(`${api()}/markets/BTCUSDT/ticker`)).body.data;
    const klines = (await call(`${api()}/markets/BTCUSDT/klines?interval=1m&limit=1000`)).body.data
      .items;
    const lots = (text: string) => Math.round(Number(text) * 100_000);

    expect(ours.length).toBeGreaterThan(0);
    expect(ticker.last).toBe(trades[0].price);
    expect(ticker.trades).toBe(trades.length);
    expect(lots(ticker.base_volume)).toBe(
      trades.reduce((sum: number, t: { quantity: string }) => sum + lots(t.quantity), 0),
    );
    expect(klines.reduce((n: number, k: { trades: number }) => n + k.trades, 0)).toBe(
      trades.length,
    );
    expect(klines[klines.length - 1].close).toBe(trades[0].price);
  });
});
