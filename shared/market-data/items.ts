import { z } from 'zod';
import { storedBigInt, storedInt } from '../trading/numbers';
import { orderSides } from '../trading/vocabulary';

/**
 * What the matching service publishes into the MarketData table (`pk`, `sk`; TTL in
 * `expires_at`, epoch seconds) and the market-data API and streams read. The matching service
 * is the only writer of a symbol's items; every item carries the engine's event sequence, so a
 * reader can order and de-duplicate them. Prices are ticks, quantities lots, quote volumes
 * tick×lot units (convert with `shared/trading/market-units.ts`).
 *
 * | pk                          | sk                  | item                                      |
 * | --------------------------- | ------------------- | ----------------------------------------- |
 * | `BOOK#<symbol>`             | `TOP`               | best bid and ask (`shared/trading/book-top.ts`) |
 * | `BOOK#<symbol>`             | `DEPTH`             | the top {@link DEPTH_LEVELS} levels per side and their `sequence` |
 * | `DIFF#<symbol>`             | `<last seq, 16 digits>` | levels changed by one batch, `first_seq`..`last_seq` (TTL 24 h) |
 * | `TRADES#<symbol>`           | `<seq, 16 digits>`  | one public trade (TTL 7 days)             |
 * | `CANDLE#<symbol>#<interval>`| `<open ms, 13 digits>` | one kline                             |
 *
 * Sequences: every engine event has a per-symbol `seq` that increases by one. A batch of
 * commands covers events `first_seq..last_seq`; the next batch starts at `last_seq + 1`, so the
 * diffs of a symbol form an unbroken chain and `DEPTH.sequence` is the `last_seq` of the newest
 * diff applied to it.
 */

/** Levels per side kept in the `DEPTH` item and covered by diffs. */
export const DEPTH_LEVELS = 500;
/** How long diffs stay readable (seconds). */
export const DIFF_TTL_SECONDS = 24 * 3600;
/** How long public trades stay readable (seconds). */
export const TRADE_TTL_SECONDS = 7 * 24 * 3600;

export const klineIntervals = ['1m', '5m', '15m', '1h', '4h', '1d'] as const;
export type KlineInterval = (typeof klineIntervals)[number];
/** Length of each kline interval in milliseconds. */
export const klineIntervalMs: Readonly<Record<KlineInterval, number>> = {
  '1m': 60_000,
  '5m': 300_000,
  '15m': 900_000,
  '1h': 3_600_000,
  '4h': 14_400_000,
  '1d': 86_400_000,
};

/** Sort keys that order numerically as strings. */
export const seqKey = (seq: number): string => String(seq).padStart(16, '0');
export const openTimeKey = (openMs: number): string => String(openMs).padStart(13, '0');
/** The latest open time a 13-digit candle key holds (year 2286); query bounds clamp to it. */
export const MAX_OPEN_MS = 9_999_999_999_999;

export const depthKey = (symbol: string) => ({ pk: `BOOK#${symbol}`, sk: 'DEPTH' });
export const diffPk = (symbol: string): string => `DIFF#${symbol}`;
export const diffKey = (symbol: string, lastSeq: number) => ({
  pk: diffPk(symbol),
  sk: seqKey(lastSeq),
});
export const tradesPk = (symbol: string): string => `TRADES#${symbol}`;
export const publicTradeKey = (symbol: string, seq: number) => ({
  pk: tradesPk(symbol),
  sk: seqKey(seq),
});
export const candlePk = (symbol: string, interval: KlineInterval): string =>
  `CANDLE#${symbol}#${interval}`;
export const candleKey = (symbol: string, interval: KlineInterval, openMs: number) => ({
  pk: candlePk(symbol, interval),
  sk: openTimeKey(openMs),
});

/** `[price ticks, quantity lots]`; in a diff, quantity 0 removes the level. */
const level = z.tuple([storedInt, storedInt]);

/** `BOOK#<symbol>` / `DEPTH`: the book after the batch whose last event is `sequence`. */
export const depthItemSchema = z.object({
  symbol: z.string(),
  sequence: storedInt,
  bids: z.array(level),
  asks: z.array(level),
  updated_at: z.string(),
});
export type DepthItem = z.output<typeof depthItemSchema>;

/**
 * `DIFF#<symbol>` / `<last_seq>`: the new total at every level (within the top
 * {@link DEPTH_LEVELS}) that one batch changed; empty lists when the batch moved no level.
 */
export const diffItemSchema = z.object({
  symbol: z.string(),
  first_seq: storedInt,
  last_seq: storedInt,
  bids: z.array(level),
  asks: z.array(level),
  at: z.string(),
});
export type DiffItem = z.output<typeof diffItemSchema>;

/** `TRADES#<symbol>` / `<seq>`: a public trade; `id` is the one settlement writes too. */
export const publicTradeItemSchema = z.object({
  symbol: z.string(),
  id: z.string(),
  seq: storedInt,
  price: storedInt,
  quantity: storedInt,
  taker_side: z.enum(orderSides),
  executed_at: z.string(),
});
export type PublicTradeItem = z.output<typeof publicTradeItemSchema>;

/**
 * `CANDLE#<symbol>#<interval>` / `<open ms>`: one kline. `volume` is lots, `quote_volume`
 * tick×lot units (may exceed 2^53: read as bigint); `last_seq` is the newest trade counted, so
 * a replayed batch never counts a trade twice.
 */
export const candleItemSchema = z.object({
  symbol: z.string(),
  interval: z.enum(klineIntervals),
  open_time: storedInt,
  close_time: storedInt,
  open: storedInt,
  high: storedInt,
  low: storedInt,
  close: storedInt,
  volume: storedBigInt,
  quote_volume: storedBigInt,
  trades: storedInt,
  last_seq: storedInt,
});
export type CandleItem = z.output<typeof candleItemSchema>;

/** The trade id settlement and market data share: unique across symbols. */
export const tradeIdOf = (symbol: string, seq: number): string => `${symbol}-${seq}`;
