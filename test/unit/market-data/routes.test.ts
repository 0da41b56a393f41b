import type { Context } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import {
  klinesRouteFn,
  listMarketsRouteFn,
  marketStatsRouteFn,
  orderBookRouteFn,
  tradesRouteFn,
} from '../../../functions/market-data/routes';
import {
  klinesRoute,
  listMarketsRoute,
  marketStatsRoute,
  orderBookRoute,
  tradesRoute,
} from '../../../shared/contracts/market-data';
import { apiHandler } from '../../../shared/http/api-handler';
import { createLogger } from '../../../shared/logging/logger';
import { httpEvent } from '../../support/http-events';
import { candle, FakeMarketData } from './support';

const logger = createLogger('test');
const now = Date.parse('2026-11-24T12:00:30Z');
const invoke = async (handler: ReturnType<typeof apiHandler>, event = httpEvent()) => {
  const response = await handler(event, {} as Context);
  return { ...response, json: JSON.parse(response.body) };
};

const setup = () => {
  const reader = new FakeMarketData();
  reader.depths.set('BTCUSDT', {
    symbol: 'BTCUSDT',
    sequence: 42,
    bids: Array.from({ length: 8 }, (_, i) => [3_000_000 - i, 100 + i] as [number, number]),
    asks: [[3_000_100, 5]],
    updated_at: '2026-11-24T12:00:00.000Z',
  });
  return { reader, deps: { reader, nowMs: () => now } };
};

describe('market-data routes', () => {
  it('answers the book cut to the limit with its sequence and a short cache', async () => {
    const { deps } = setup();
    const handler = apiHandler(orderBookRoute, orderBookRouteFn(deps), logger);

    const answer = await invoke(
      handler,
      httpEvent({ params: { symbol: 'BTCUSDT' }, query: { limit: '5' } }),
    );

    expect(answer.statusCode).toBe(200);
    expect(answer.json.data.bids).toHaveLength(5);
    expect(answer.json.data.bids[0]).toEqual(['30000', '0.001']);
    expect(answer.json.data.asks).toEqual([['30001', '0.00005']]);
    expect(answer.json.data.sequence).toBe(42);
    expect(answer.headers['cache-control']).toBe('public, max-age=1');
  });

  it('answers an empty book at sequence 0 before the engine published one', async () => {
    const { deps } = setup();
    const handler = apiHandler(orderBookRoute, orderBookRouteFn(deps), logger);

    const answer = await invoke(handler, httpEvent({ params: { symbol: 'ETHUSDT' } }));

    expect(answer.json.data).toMatchObject({ bids: [], asks: [], sequence: 0, timestamp: null });
  });

  it('answers 404 NOT_FOUND for an unknown symbol', async () => {
    const { deps } = setup();
    const handler = apiHandler(tradesRoute, tradesRouteFn(deps), logger);

    const answer = await invoke(handler, httpEvent({ params: { symbol: 'DOGEUSDT' } }));

    expect(answer.statusCode).toBe(404);
    expect(answer.json.error.code).toBe('NOT_FOUND');
  });

  it('answers 400 VALIDATION_ERROR for a book limit out of range or an unknown interval', async () => {
    const { deps } = setup();
    const book = apiHandler(orderBookRoute, orderBookRouteFn(deps), logger);
    const klines = apiHandler(klinesRoute, klinesRouteFn(deps), logger);

    const tooDeep = await invoke(
      book,
      httpEvent({ params: { symbol: 'BTCUSDT' }, query: { limit: '501' } }),
    );
    const badInterval = await invoke(
      klines,
      httpEvent({ params: { symbol: 'BTCUSDT' }, query: { interval: '2m' } }),
    );

    expect(tooDeep.statusCode).toBe(400);
    expect(badInterval.statusCode).toBe(400);
    expect(badInterval.json.error.details.fields[0].field).toBe('interval');
  });

  it('answers the newest candles oldest first, or the first ones from start', async () => {
    const { deps, reader } = setup();
    const base = Date.parse('2026-11-24T11:00:00Z');
    reader.candleItems = [0, 1, 2, 3].map((i) =>
      candle(base + i * 60_000, { open: 100 + i, high: 100 + i, low: 100 + i, close: 100 + i }),
    );
    const handler = apiHandler(klinesRoute, klinesRouteFn(deps), logger);

    const newest = await invoke(
      handler,
      httpEvent({ params: { symbol: 'BTCUSDT' }, query: { interval: '1m', limit: '2' } }),
    );
    const fromStart = await invoke(
      handler,
      httpEvent({
        params: { symbol: 'BTCUSDT' },
        query: { interval: '1m', limit: '2', start: String(base + 60_000) },
      }),
    );

    expect(newest.json.data.items.map((k: { open: string }) => k.open)).toEqual(['1.02', '1.03']);
    expect(fromStart.json.data.items.map((k: { open: string }) => k.open)).toEqual([
      '1.01',
      '1.02',
    ]);
    expect(fromStart.json.data.items[0].open_time).toBe('2026-11-24T11:01:00.000Z');
  });

  it('caches klines for a minute only when every candle up to end is closed', async () => {
    const { deps } = setup();
    const handler = apiHandler(klinesRoute, klinesRouteFn(deps), logger);
    const klines = (end: string) =>
      invoke(handler, httpEvent({ params: { symbol: 'BTCUSDT' }, query: { interval: '1m', end } }));

    const closed = await klines('2026-11-24T11:59:59.999Z');
    const open = await klines('2026-11-24T12:00:00.000Z');
    const future = await klines(String(now + 3_600_000));

    expect(closed.headers['cache-control']).toBe('public, max-age=60');
    expect(open.headers['cache-control']).toBe('public, max-age=2');
    expect(future.headers['cache-control']).toBe('public, max-age=2');
  });

  it('lists every market with the run-time status winning over the registry', async () => {
    const statuses = { all: async () => new Map([['ETHUSDT', 'HALT' as const]]) };
    const handler = apiHandler(listMarketsRoute, listMarketsRouteFn(statuses), logger);

    const answer = await invoke(handler);

    expect(answer.json.data.items.map((m: { status: string }) => m.status)).toEqual([
      'TRADING',
      'HALT',
    ]);
    expect(answer.json.data.items[0]).toMatchObject({ symbol: 'BTCUSDT', tick_size: '0.01' });
  });

  it('sums the 24 h quote volume of every market per quote asset', async () => {
    const { deps, reader } = setup();
    const minuteAgo = Math.floor(now / 60_000) * 60_000 - 60_000;
    reader.candleItems = [
      candle(minuteAgo, { open: 100, high: 100, low: 100, close: 100 }, 1_000n),
      {
        ...candle(minuteAgo, { open: 100, high: 100, low: 100, close: 100 }, 1_000n),
        symbol: 'ETHUSDT',
      },
    ];
    const handler = apiHandler(marketStatsRoute, marketStatsRouteFn(deps), logger);

    const answer = await invoke(handler);

    expect(answer.json.data.quote_volume).toEqual({ USDT: '0.11' });
    expect(answer.json.data.trades).toBe(2);
  });
});
