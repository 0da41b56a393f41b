import type {
  KlinesQuery,
  KlineView,
  MarketView,
  OrderBookView,
  PublicTradeView,
  TickerView,
} from '../../shared/contracts/market-data';
import { NotFoundError } from '../../shared/domain/errors';
import { markets } from '../../shared/domain/markets';
import { formatDecimal, parseDecimal } from '../../shared/domain/money';
import { computeTicker, tickerWindowStart } from '../../shared/market-data/ticker';
import {
  klineView,
  marketFormat,
  orderBookView,
  publicTradeView,
  type MarketFormat,
} from '../../shared/market-data/views';
import type { MarketDataDeps, MarketStatuses } from './ports';

/** Minutes in a 24 h window: the most 1m candles a ticker reads. */
const TICKER_CANDLES = 1440;

/** The formatter of a listed market, or 404 (also for well-formed unknown symbols). */
export function listedMarket(symbol: string): MarketFormat {
  if (!markets.some((market) => market.symbol === symbol)) {
    throw new NotFoundError(`No market ${symbol}`);
  }
  return marketFormat(symbol);
}

/** Every listed market with its filters and run-time status. */
export async function listMarkets(statuses: MarketStatuses): Promise<MarketView[]> {
  const overrides = await statuses.all();
  return markets.map((market) => ({
    symbol: market.symbol,
    base_asset: market.base,
    quote_asset: market.quote,
    status: overrides.get(market.symbol) ?? market.status,
    tick_size: market.tickSize,
    lot_size: market.lotSize,
    min_quantity: market.minQuantity,
    max_quantity: market.maxQuantity,
    min_notional: market.minNotional,
  }));
}

/**
 * The 24 h ticker: one Query over at most 1440 1m candles, the book top, and — only when the
 * window had no trade — the newest trade for the last price.
 */
export async function tickerOf(deps: MarketDataDeps, symbol: string): Promise<TickerView> {
  const format = listedMarket(symbol);
  const nowMs = deps.nowMs();
  const [candles, top] = await Promise.all([
    deps.reader.candles(symbol, '1m', {
      fromMs: tickerWindowStart(nowMs),
      toMs: nowMs,
      limit: TICKER_CANDLES,
    }),
    deps.reader.top(symbol),
  ]);
  const lastTrade =
    candles.length === 0 ? (await deps.reader.recentTrades(symbol, 1))[0] : undefined;
  return computeTicker(format, {
    nowMs,
    candles,
    lastTradePrice: lastTrade?.price,
    bestBid: top?.bestBid,
    bestAsk: top?.bestAsk,
  });
}

/** The published depth cut to `limit` levels per side, with its sequence. */
export async function orderBookOf(
  deps: MarketDataDeps,
  symbol: string,
  limit: number,
): Promise<OrderBookView> {
  const format = listedMarket(symbol);
  return orderBookView(format, await deps.reader.depth(symbol), limit);
}

/** The newest `limit` public trades, newest first. */
export async function tradesOf(
  deps: MarketDataDeps,
  symbol: string,
  limit: number,
): Promise<PublicTradeView[]> {
  const format = listedMarket(symbol);
  const trades = await deps.reader.recentTrades(symbol, limit);
  return trades.map((trade) => publicTradeView(format, trade));
}

/**
 * Candles, oldest first. With `start`: the first `limit` from it (up to `end` or now; none when
 * it is later). Without: the newest `limit` up to `end` (or now), which is what a chart opening
 * on "now" asks for.
 */
export async function klinesOf(
  deps: MarketDataDeps,
  symbol: string,
  query: KlinesQuery,
): Promise<KlineView[]> {
  const format = listedMarket(symbol);
  const toMs = query.end ?? deps.nowMs();
  if (query.start !== undefined && query.start > toMs) return [];
  const candles = await deps.reader.candles(symbol, query.interval, {
    fromMs: query.start ?? 0,
    toMs,
    limit: query.limit,
    newest: query.start === undefined,
  });
  return candles.map((candle) => klineView(format, candle));
}

/** Every market's ticker and the 24 h quote volume summed per quote asset. */
export async function statsOf(deps: MarketDataDeps) {
  const items = await Promise.all(markets.map((market) => tickerOf(deps, market.symbol)));
  const totals = new Map<string, { minor: bigint; precision: number }>();
  for (const ticker of items) {
    const { quote } = marketFormat(ticker.symbol).units;
    const minor = parseDecimal(ticker.quote_volume, quote.precision);
    const sum = totals.get(quote.code)?.minor ?? 0n;
    totals.set(quote.code, { minor: sum + minor, precision: quote.precision });
  }
  const quoteVolume = Object.fromEntries(
    [...totals].map(([code, total]) => [code, formatDecimal(total.minor, total.precision)]),
  );
  return { items, quote_volume: quoteVolume, trades: items.reduce((n, t) => n + t.trades, 0) };
}
