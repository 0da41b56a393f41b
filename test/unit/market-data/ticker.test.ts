import { describe, expect, it } from 'vitest';
import { computeTicker, tickerWindowStart } from '../../../shared/market-data/ticker';
import { marketFormat } from '../../../shared/market-data/views';
import { candle } from './support';

const btc = marketFormat('BTCUSDT');
const now = Date.parse('2026-11-24T12:00:30Z');
const minute = 60_000;

describe('24 h ticker from 1m candles', () => {
  it('takes the open of the oldest candle, the close of the newest and the extremes between', () => {
    const start = tickerWindowStart(now);
    const candles = [
      candle(start + 10 * minute, {
        open: 3_000_100,
        high: 3_000_500,
        low: 2_999_000,
        close: 3_000_200,
      }),
      candle(start, { open: 3_000_000, high: 3_001_000, low: 2_990_000, close: 3_000_100 }),
      candle(start + 20 * minute, {
        open: 3_000_200,
        high: 3_030_000,
        low: 3_000_000,
        close: 3_030_000,
      }),
    ];

    const ticker = computeTicker(btc, { nowMs: now, candles, bestBid: 3_029_999n, bestAsk: null });

    expect(ticker).toMatchObject({
      open: '30000',
      high: '30300',
      low: '29900',
      last: '30300',
      change: '300',
      change_percent: '1',
      base_volume: '3',
      trades: 3,
      best_bid: '30299.99',
      best_ask: null,
    });
  });

  it('sums the quote volume exactly in the quote asset', () => {
    const start = tickerWindowStart(now);
    const candles = [candle(start, { open: 1, high: 1, low: 1, close: 3_000_001 }, 3n)];

    const ticker = computeTicker(btc, { nowMs: now, candles });

    expect(ticker.quote_volume).toBe('0.9000003');
    expect(ticker.change_percent).toBe('300000000');
  });

  it('ignores candles that opened more than 24 h ago', () => {
    const start = tickerWindowStart(now);
    const candles = [
      candle(start - minute, { open: 1_000_000, high: 9_000_000, low: 1, close: 1_000_000 }),
      candle(start, { open: 3_000_000, high: 3_000_000, low: 3_000_000, close: 2_970_000 }),
    ];

    const ticker = computeTicker(btc, { nowMs: now, candles });

    expect(ticker).toMatchObject({ open: '30000', high: '30000', change_percent: '-1', trades: 1 });
    expect(ticker.window_start).toBe('2026-11-23T12:01:00.000Z');
  });

  it('answers the last trade price without change when the window had no trade', () => {
    const ticker = computeTicker(btc, { nowMs: now, candles: [], lastTradePrice: 2_500_050 });

    expect(ticker).toMatchObject({
      open: '25000.5',
      last: '25000.5',
      change: '0',
      change_percent: '0',
      base_volume: '0',
      trades: 0,
    });
  });

  it('answers null prices before the first trade', () => {
    const ticker = computeTicker(btc, { nowMs: now, candles: [] });

    expect(ticker.last).toBeNull();
    expect(ticker.change_percent).toBeNull();
  });
});
