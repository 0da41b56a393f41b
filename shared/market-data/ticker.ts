import type { TickerView } from '../contracts/market-data';
import { formatDecimal } from '../domain/money';
import type { CandleItem } from './items';
import type { MarketFormat } from './views';

/** The rolling window of a ticker. */
export const TICKER_WINDOW_MS = 24 * 3600 * 1000;
const MINUTE_MS = 60_000;

/**
 * The first 1m candle a 24 h ticker at `nowMs` counts: the 1440 minutes ending with the
 * current one. Minute granularity, as Binance's rolling window.
 */
export const tickerWindowStart = (nowMs: number): number =>
  Math.floor(nowMs / MINUTE_MS) * MINUTE_MS - TICKER_WINDOW_MS + MINUTE_MS;

/** What a ticker is computed from besides the candles. */
export interface TickerInputs {
  readonly nowMs: number;
  /** 1m candles, any order; those outside the window are ignored. */
  readonly candles: readonly CandleItem[];
  /** Price (ticks) of the market's newest trade, for a window without trades. */
  readonly lastTradePrice?: number | undefined;
  readonly bestBid?: bigint | null | undefined;
  readonly bestAsk?: bigint | null | undefined;
}

/**
 * The 24 h rolling ticker from 1m candles: open of the oldest candle, close of the newest,
 * extremes, summed volumes and trade counts. With no trade in the window every price is the
 * last trade's (no change); before the first trade ever, prices are null. `change_percent` has
 * two decimals, truncated toward zero, all in integer arithmetic.
 */
export function computeTicker(format: MarketFormat, inputs: TickerInputs): TickerView {
  const start = tickerWindowStart(inputs.nowMs);
  const candles = inputs.candles
    .filter((candle) => candle.open_time >= start && candle.open_time <= inputs.nowMs)
    .sort((a, b) => a.open_time - b.open_time);
  const side = (value: bigint | null | undefined) =>
    value === null || value === undefined ? null : format.price(value);
  const base = {
    symbol: format.market.symbol,
    best_bid: side(inputs.bestBid),
    best_ask: side(inputs.bestAsk),
    window_start: new Date(start).toISOString(),
    window_end: new Date(inputs.nowMs).toISOString(),
  };
  const first = candles[0];
  const latest = candles[candles.length - 1];
  if (first === undefined || latest === undefined) {
    const last = inputs.lastTradePrice === undefined ? null : format.price(inputs.lastTradePrice);
    return {
      ...base,
      open: last,
      high: last,
      low: last,
      last,
      change: last === null ? null : format.price(0),
      change_percent: last === null ? null : '0',
      base_volume: '0',
      quote_volume: '0',
      trades: 0,
    };
  }
  let high = first.high;
  let low = first.low;
  let volume = 0n;
  let quoteVolume = 0n;
  let trades = 0;
  for (const candle of candles) {
    high = Math.max(high, candle.high);
    low = Math.min(low, candle.low);
    volume += candle.volume;
    quoteVolume += candle.quote_volume;
    trades += candle.trades;
  }
  const open = BigInt(first.open);
  const change = BigInt(latest.close) - open;
  return {
    ...base,
    open: format.price(open),
    high: format.price(high),
    low: format.price(low),
    last: format.price(latest.close),
    change: format.price(change),
    change_percent: open === 0n ? null : formatDecimal((change * 10_000n) / open, 2),
    base_volume: format.quantity(volume),
    quote_volume: format.quote(quoteVolume),
    trades,
  };
}
