import { z } from 'zod';
import { klineIntervals } from '../market-data/items';
import { marketStatuses } from '../domain/markets';
import { orderSides } from '../trading/vocabulary';
import { isoTimestamp } from './common';
import { defineRoute, type RouteContract } from './route-contract';
import { symbolSchema } from './trading-schemas';

/**
 * Public market-data routes (DESIGN §5), served from what the matching service publishes in
 * the MarketData table, never from order tables. Prices and quantities are decimal strings in
 * the market's steps; quote volumes in the quote asset's precision.
 */
const tags = ['market-data'];

/** `[price, quantity]` of one book level. */
export const levelSchema = z.tuple([z.string(), z.string()]);

export const marketSchema = z.object({
  symbol: z.string(),
  base_asset: z.string(),
  quote_asset: z.string(),
  status: z.enum(marketStatuses),
  tick_size: z.string(),
  lot_size: z.string(),
  min_quantity: z.string(),
  max_quantity: z.string(),
  min_notional: z.string(),
});
export type MarketView = z.output<typeof marketSchema>;

/** 24 h rolling statistics; the price fields are null before the market's first trade. */
export const tickerSchema = z.object({
  symbol: z.string(),
  open: z.string().nullable(),
  high: z.string().nullable(),
  low: z.string().nullable(),
  last: z.string().nullable(),
  change: z.string().nullable(),
  change_percent: z.string().nullable(),
  base_volume: z.string(),
  quote_volume: z.string(),
  trades: z.number().int(),
  best_bid: z.string().nullable(),
  best_ask: z.string().nullable(),
  window_start: isoTimestamp,
  window_end: isoTimestamp,
});
export type TickerView = z.output<typeof tickerSchema>;

export const orderBookSchema = z.object({
  symbol: z.string(),
  bids: z.array(levelSchema),
  asks: z.array(levelSchema),
  /** The `last_seq` of the newest diff in this snapshot (the last update id). */
  sequence: z.number().int(),
  timestamp: isoTimestamp.nullable(),
});
export type OrderBookView = z.output<typeof orderBookSchema>;

export const publicTradeSchema = z.object({
  id: z.string(),
  seq: z.number().int(),
  price: z.string(),
  quantity: z.string(),
  quote_quantity: z.string(),
  taker_side: z.enum(orderSides),
  executed_at: isoTimestamp,
});
export type PublicTradeView = z.output<typeof publicTradeSchema>;

export const klineSchema = z.object({
  open_time: isoTimestamp,
  close_time: isoTimestamp,
  open: z.string(),
  high: z.string(),
  low: z.string(),
  close: z.string(),
  volume: z.string(),
  quote_volume: z.string(),
  trades: z.number().int(),
});
export type KlineView = z.output<typeof klineSchema>;

export const marketParams = z.strictObject({ symbol: symbolSchema });

export const orderBookQuery = z.strictObject({
  limit: z.coerce.number().int().min(5).max(500).default(100),
});

export const tradesQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(500).default(50),
});

/** An ISO-8601 timestamp or epoch milliseconds, as epoch milliseconds. */
const instant = z.union([
  z
    .string()
    .regex(/^\d{1,15}$/)
    .transform(Number),
  isoTimestamp.transform((text) => Date.parse(text)),
]);

export const klinesQuery = z
  .strictObject({
    interval: z.enum(klineIntervals),
    start: instant.optional(),
    end: instant.optional(),
    limit: z.coerce.number().int().min(1).max(1000).default(500),
  })
  .refine((q) => q.start === undefined || q.end === undefined || q.start <= q.end, {
    message: 'start must not be after end',
    path: ['start'],
  });
export type KlinesQuery = z.output<typeof klinesQuery>;

export const listMarketsRoute = defineRoute({
  method: 'GET',
  path: '/api/markets',
  summary: 'Every listed market with its filters and trading status',
  tags,
  auth: 'public',
  response: z.object({ items: z.array(marketSchema) }),
  errors: [],
});

export const marketStatsRoute = defineRoute({
  method: 'GET',
  path: '/api/markets/stats',
  summary: 'The 24 h ticker of every market and the 24 h quote volume per quote asset',
  tags,
  auth: 'public',
  response: z.object({
    items: z.array(tickerSchema),
    quote_volume: z.record(z.string(), z.string()),
    trades: z.number().int(),
  }),
  errors: [],
});

export const tickerRoute = defineRoute({
  method: 'GET',
  path: '/api/markets/{symbol}/ticker',
  summary: '24 h rolling ticker (open, high, low, last, volumes, change) from the 1m candles',
  tags,
  auth: 'public',
  params: marketParams,
  response: tickerSchema,
  errors: ['NOT_FOUND'],
});

export const orderBookRoute = defineRoute({
  method: 'GET',
  path: '/api/markets/{symbol}/orderbook',
  summary: 'Order book snapshot (5-500 levels per side) with its sequence, for diff resync',
  tags,
  auth: 'public',
  params: marketParams,
  query: orderBookQuery,
  response: orderBookSchema,
  errors: ['NOT_FOUND'],
});

export const tradesRoute = defineRoute({
  method: 'GET',
  path: '/api/markets/{symbol}/trades',
  summary: 'Recent public trades, newest first',
  tags,
  auth: 'public',
  params: marketParams,
  query: tradesQuery,
  response: z.object({ symbol: z.string(), items: z.array(publicTradeSchema) }),
  errors: ['NOT_FOUND'],
});

export const klinesRoute = defineRoute({
  method: 'GET',
  path: '/api/markets/{symbol}/klines',
  summary:
    'Candles of one interval, oldest first: from start (or the newest `limit` up to end); start and end are ISO-8601 or epoch ms',
  tags,
  auth: 'public',
  params: marketParams,
  query: klinesQuery,
  response: z.object({
    symbol: z.string(),
    interval: z.enum(klineIntervals),
    items: z.array(klineSchema),
  }),
  errors: ['NOT_FOUND'],
});

/** Every market-data route. */
export const marketDataContracts: readonly RouteContract[] = [
  listMarketsRoute,
  marketStatsRoute,
  tickerRoute,
  orderBookRoute,
  tradesRoute,
  klinesRoute,
];
