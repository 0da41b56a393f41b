import type { BookTop } from '../../shared/trading/book-top';
import type {
  CandleItem,
  DepthItem,
  KlineInterval,
  PublicTradeItem,
} from '../../shared/market-data/items';

/**
 * Reads what the matching service publishes in the MarketData table. Every read is a
 * `GetItem` or a `Query` on one partition: never a scan, never an order table.
 */
export interface MarketDataReader {
  depth(symbol: string): Promise<DepthItem | undefined>;
  top(symbol: string): Promise<BookTop | undefined>;
  /** The newest `limit` public trades, newest first. */
  recentTrades(symbol: string, limit: number): Promise<PublicTradeItem[]>;
  /**
   * Candles of `interval` with open time in `[fromMs, toMs]`: the oldest `limit` of them, or
   * with `newest` the newest `limit`; always answered oldest first.
   */
  candles(
    symbol: string,
    interval: KlineInterval,
    range: { fromMs: number; toMs: number; limit: number; newest?: boolean },
  ): Promise<CandleItem[]>;
}

export type { MarketStatuses } from '../../shared/domain/markets';

export interface MarketDataDeps {
  readonly reader: MarketDataReader;
  readonly nowMs: () => number;
}
