import { DeleteTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { Context } from 'aws-lambda';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tradingDocuments } from '../../../shared/aws/dynamo-trading-documents';
import { dynamoMarketData } from '../../../functions/market-data/dynamo-market-data';
import {
  klinesRouteFn,
  orderBookRouteFn,
  tickerRouteFn,
  tradesRouteFn,
} from '../../../functions/market-data/routes';
import { tables } from '../../../infra/definitions/tables';
import { provisionTable } from '../../../infra/local/provision/tables';
import {
  klinesRoute,
  orderBookRoute,
  tickerRoute,
  tradesRoute,
} from '../../../shared/contracts/market-data';
import { apiHandler } from '../../../shared/http/api-handler';
import { createLogger } from '../../../shared/logging/logger';
import { candleKey, depthKey, publicTradeKey, tradeIdOf } from '../../../shared/market-data/items';
import { bookTopKey } from '../../../shared/trading/book-top';
import { call } from '../../support/http';
import { httpEvent } from '../../support/http-events';
import { localEnv } from '../../support/local-stack';

/**
 * The adapters against DynamoDB Local, on a scratch copy of the MarketData table (the shared
 * stack's table is the matching service's to write), and the live routes' edges.
 */
const table = `MarketData-${randomUUID().slice(0, 8)}`;
const dynamodb = new DynamoDBClient({});
const documents = tradingDocuments(dynamodb);
const now = Date.now();
const minute = Math.floor(now / 60_000) * 60_000;
const logger = createLogger('test');
const deps = { reader: dynamoMarketData(documents, table), nowMs: () => now };

const invoke = async (handler: ReturnType<typeof apiHandler>, event = httpEvent()) =>
  JSON.parse((await handler(event, {} as Context)).body).data;

const candle = (openMs: number, close: number, volume: bigint) => ({
  ...candleKey('BTCUSDT', '1m', openMs),
  symbol: 'BTCUSDT',
  interval: '1m',
  open_time: openMs,
  close_time: openMs + 59_999,
  open: close,
  high: close,
  low: close,
  close,
  volume,
  quote_volume: volume * BigInt(close),
  trades: 1,
  last_seq: openMs,
});

beforeAll(async () => {
  await provisionTable(dynamodb, { ...tables.marketData, id: table });
  const items = [
    {
      ...depthKey('BTCUSDT'),
      symbol: 'BTCUSDT',
      sequence: 77,
      bids: [
        [3_000_000, 150_000],
        [2_999_999, 1],
      ],
      asks: [[3_000_001, 2]],
      updated_at: new Date(now).toISOString(),
    },
    {
      ...bookTopKey('BTCUSDT'),
      symbol: 'BTCUSDT',
      best_bid: 3_000_000,
      best_ask: 3_000_001,
      sequence: 77,
      updated_at: 'x',
    },
    ...[75, 76].map((seq) => ({
      ...publicTradeKey('BTCUSDT', seq),
      symbol: 'BTCUSDT',
      id: tradeIdOf('BTCUSDT', seq),
      seq,
      price: 3_000_000 + seq,
      quantity: 100,
      taker_side: 'BUY',
      executed_at: new Date(now).toISOString(),
    })),
    candle(minute - 25 * 3_600_000, 1_000_000, 10n),
    candle(minute - 60_000, 2_000_000, 2n ** 60n),
    candle(minute, 3_000_000, 100_000n),
  ];
  await documents.send(
    new BatchWriteCommand({
      RequestItems: { [table]: items.map((Item) => ({ PutRequest: { Item } })) },
    }),
  );
});

afterAll(async () => {
  await dynamodb.send(new DeleteTableCommand({ TableName: table }));
});

describe('market-data reads on DynamoDB', () => {
  it('answers the seeded book cut to the limit, with its sequence', async () => {
    const handler = apiHandler(orderBookRoute, orderBookRouteFn(deps), logger);

    const book = await invoke(
      handler,
      httpEvent({ params: { symbol: 'BTCUSDT' }, query: { limit: '5' } }),
    );

    expect(book).toMatchObject({
      sequence: 77,
      bids: [
        ['30000', '1.5'],
        ['29999.99', '0.00001'],
      ],
      asks: [['30000.01', '0.00002']],
    });
  });

  it('answers trades newest first', async () => {
    const handler = apiHandler(tradesRoute, tradesRouteFn(deps), logger);

    const trades = await invoke(handler, httpEvent({ params: { symbol: 'BTCUSDT' } }));

    expect(trades.items.map((t: { seq: number }) => t.seq)).toEqual([76, 75]);
    expect(trades.items[0]).toMatchObject({
      id: 'BTCUSDT-76',
      price: '30000.76',
      quote_quantity: '30.00076',
    });
  });

  it('computes the ticker from the last 24 h of 1m candles, exact beyond 2^53', async () => {
    const handler = apiHandler(tickerRoute, tickerRouteFn(deps), logger);

    const ticker = await invoke(handler, httpEvent({ params: { symbol: 'BTCUSDT' } }));

    expect(ticker).toMatchObject({
      open: '20000',
      last: '30000',
      change_percent: '50',
      trades: 2,
      base_volume: '11529215046069.46976',
      best_bid: '30000',
    });
  });

  it('answers klines in a range, oldest first', async () => {
    const handler = apiHandler(klinesRoute, klinesRouteFn(deps), logger);
    const query = { interval: '1m', start: new Date(minute - 26 * 3_600_000).toISOString() };

    const klines = await invoke(handler, httpEvent({ params: { symbol: 'BTCUSDT' }, query }));

    expect(klines.items.map((k: { close: string }) => k.close)).toEqual([
      '10000',
      '20000',
      '30000',
    ]);
  });

  it('answers no klines for a start after now or beyond the keys, instead of a 500', async () => {
    const handler = apiHandler(klinesRoute, klinesRouteFn(deps), logger);
    const klinesFrom = (query: Record<string, string>) =>
      handler(httpEvent({ params: { symbol: 'BTCUSDT' }, query }), {} as Context);

    const future = await klinesFrom({ interval: '1m', start: String(now + 3_600_000) });
    const farFuture = await klinesFrom({
      interval: '1m',
      start: '10000000000000',
      end: '99999999999999',
    });

    expect(future.statusCode).toBe(200);
    expect(JSON.parse(future.body).data.items).toEqual([]);
    expect(farFuture.statusCode).toBe(200);
    expect(JSON.parse(farFuture.body).data.items).toEqual([]);
  });
});

describe('market-data routes through the local gateway', () => {
  const api = () => localEnv()['API_URL']!;

  it('lists the markets publicly, cacheable', async () => {
    const answer = await call(`${api()}/markets`);

    expect(answer.status).toBe(200);
    expect(answer.body.data.items.map((m: { symbol: string }) => m.symbol)).toEqual([
      'BTCUSDT',
      'ETHUSDT',
    ]);
    expect(answer.headers.get('cache-control')).toBe('public, max-age=30');
  });

  it('answers 404 NOT_FOUND for an unknown symbol and 400 for an unknown interval', async () => {
    const unknown = await call(`${api()}/markets/DOGEUSDT/ticker`);
    const badInterval = await call(`${api()}/markets/BTCUSDT/klines?interval=7m`);

    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('NOT_FOUND');
    expect(badInterval.status).toBe(400);
    expect(badInterval.body.error.code).toBe('VALIDATION_ERROR');
  });
});
