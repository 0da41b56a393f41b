import type { MarketDataReader } from '../../../functions/market-data/ports';
import type {
  CandleItem,
  DepthItem,
  KlineInterval,
  PublicTradeItem,
} from '../../../shared/market-data/items';

/** A 1m BTCUSDT candle at `openMs` (prices in ticks of 0.01, volumes in lots of 0.00001). */
export const candle = (
  openMs: number,
  prices: { open: number; high: number; low: number; close: number },
  volume = 100_000n,
  trades = 1,
  interval: KlineInterval = '1m',
): CandleItem => ({
  symbol: 'BTCUSDT',
  interval,
  open_time: openMs,
  close_time: openMs + 59_999,
  ...prices,
  volume,
  quote_volume: volume * BigInt(prices.close),
  trades,
  last_seq: openMs,
});

/** An in-memory MarketData table for the read use cases. */
export class FakeMarketData implements MarketDataReader {
  depths = new Map<string, DepthItem>();
  trades: PublicTradeItem[] = [];
  candleItems: CandleItem[] = [];
  tops = new Map<string, { bestBid: bigint | null; bestAsk: bigint | null }>();

  async depth(symbol: string) {
    return this.depths.get(symbol);
  }
  async top(symbol: string) {
    return this.tops.get(symbol);
  }
  async recentTrades(symbol: string, limit: number) {
    return this.trades
      .filter((trade) => trade.symbol === symbol)
      .sort((a, b) => b.seq - a.seq)
      .slice(0, limit);
  }
  async candles(
    symbol: string,
    interval: KlineInterval,
    range: { fromMs: number; toMs: number; limit: number; newest?: boolean },
  ) {
    const inRange = this.candleItems
      .filter((c) => c.symbol === symbol && c.interval === interval)
      .filter((c) => c.open_time >= range.fromMs && c.open_time <= range.toMs)
      .sort((a, b) => a.open_time - b.open_time);
    return range.newest === true ? inRange.slice(-range.limit) : inRange.slice(0, range.limit);
  }
}
