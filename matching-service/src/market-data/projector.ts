import {
  klineIntervalMs,
  tradeIdOf,
  type CandleItem,
  type DiffItem,
  type KlineInterval,
  type PublicTradeItem,
} from '../../../shared/market-data/items';
import type { Depth, TradeEvent } from '../engine';
import { eventsOf, type JournalRecord } from '../journal/record';

type Level = [number, number];

/** Levels whose total changed from `before` to `after` (0 = gone), best first. */
function changedLevels(before: readonly Level[], after: readonly Level[], bids: boolean): Level[] {
  const old = new Map(before.map(([price, total]) => [price, total]));
  const changed: Level[] = [];
  for (const [price, total] of after) {
    if (old.get(price) !== total) changed.push([price, total]);
    old.delete(price);
  }
  for (const price of old.keys()) changed.push([price, 0]);
  return changed.sort((a, b) => (bids ? b[0] - a[0] : a[0] - b[0]));
}

/**
 * The book diff of one record: every level within the published depth whose total changed,
 * with its new total. Applying the diffs in `first_seq` order to a `DEPTH` of `sequence` S
 * (starting with the diff whose range contains S + 1) gives the published book.
 */
export function diffOf(record: JournalRecord, before: Depth, after: Depth, at: string): DiffItem {
  return {
    symbol: record.symbol,
    first_seq: record.firstEventSeq,
    last_seq: record.lastEventSeq,
    bids: changedLevels(before.bids, after.bids, true),
    asks: changedLevels(before.asks, after.asks, false),
    at,
  };
}

/** The record's fills as public trades. */
export function publicTradesOf(record: JournalRecord): PublicTradeItem[] {
  return eventsOf(record)
    .filter((e): e is TradeEvent => e.type === 'trade')
    .map((e) => ({
      symbol: record.symbol,
      id: tradeIdOf(record.symbol, e.seq),
      seq: e.seq,
      price: e.price,
      quantity: e.quantity,
      taker_side: e.takerSide,
      executed_at: new Date(e.at).toISOString(),
    }));
}

/** Open time of the `interval` candle containing `ms` (UTC-aligned). */
export const candleOpen = (interval: KlineInterval, ms: number): number =>
  ms - (((ms % klineIntervalMs[interval]) + klineIntervalMs[interval]) % klineIntervalMs[interval]);

/**
 * `candle` (or a new one) with `trade` counted, unless it was counted already (`last_seq`):
 * replaying a record never double-counts.
 */
export function withTrade(
  candle: CandleItem | undefined,
  interval: KlineInterval,
  trade: PublicTradeItem,
): CandleItem {
  const at = Date.parse(trade.executed_at);
  const open = candleOpen(interval, at);
  if (candle !== undefined && (candle.open_time !== open || trade.seq <= candle.last_seq)) {
    return candle;
  }
  const quote = BigInt(trade.price) * BigInt(trade.quantity);
  if (candle === undefined) {
    return {
      symbol: trade.symbol,
      interval,
      open_time: open,
      close_time: open + klineIntervalMs[interval] - 1,
      open: trade.price,
      high: trade.price,
      low: trade.price,
      close: trade.price,
      volume: BigInt(trade.quantity),
      quote_volume: quote,
      trades: 1,
      last_seq: trade.seq,
    };
  }
  return {
    ...candle,
    high: Math.max(candle.high, trade.price),
    low: Math.min(candle.low, trade.price),
    close: trade.price,
    volume: candle.volume + BigInt(trade.quantity),
    quote_volume: candle.quote_volume + quote,
    trades: candle.trades + 1,
    last_seq: trade.seq,
  };
}
