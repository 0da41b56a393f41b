import type { KlineView, OrderBookView, PublicTradeView } from '../contracts/market-data';
import { findMarket, type Market } from '../domain/markets';
import { formatDecimal, fromSteps } from '../domain/money';
import { marketUnits, quoteMinorOf, type MarketUnits } from '../trading/market-units';
import type { CandleItem, DepthItem, DiffItem, PublicTradeItem } from './items';

/**
 * The engine's integers (ticks, lots, tick×lot units) as the decimal strings apps read. One
 * formatter per market, built once: REST and the streams format the same item identically.
 */
export interface MarketFormat {
  readonly market: Market;
  readonly units: MarketUnits;
  price(ticks: bigint | number): string;
  quantity(lots: bigint | number): string;
  /** A quote amount in tick×lot units. */
  quote(tickLots: bigint | number): string;
}

/** The formatter of a listed market; throws for an unlisted one (callers check first). */
export function marketFormat(symbol: string): MarketFormat {
  const market = findMarket(symbol);
  if (market === undefined) throw new Error(`unlisted market ${symbol}`);
  const units = marketUnits(market);
  return {
    market,
    units,
    price: (ticks) => fromSteps(BigInt(ticks), market.tickSize),
    quantity: (lots) => fromSteps(BigInt(lots), market.lotSize),
    quote: (tickLots) =>
      formatDecimal(quoteMinorOf(units, 1n, BigInt(tickLots)), units.quote.precision),
  };
}

type Level = readonly [number, number];

const levels = (format: MarketFormat, side: readonly Level[], limit: number) =>
  side.slice(0, limit).map(([price, lots]) => [format.price(price), format.quantity(lots)]) as [
    string,
    string,
  ][];

/** The REST book: the top `limit` levels of the published depth. */
export function orderBookView(
  format: MarketFormat,
  depth: DepthItem | undefined,
  limit: number,
): OrderBookView {
  return {
    symbol: format.market.symbol,
    bids: depth === undefined ? [] : levels(format, depth.bids, limit),
    asks: depth === undefined ? [] : levels(format, depth.asks, limit),
    sequence: depth?.sequence ?? 0,
    timestamp: depth?.updated_at ?? null,
  };
}

/** A book diff as the `orderbook.{symbol}` channel sends it (quantity "0" removes a level). */
export function diffView(format: MarketFormat, diff: DiffItem) {
  return {
    symbol: diff.symbol,
    first_seq: diff.first_seq,
    last_seq: diff.last_seq,
    bids: levels(format, diff.bids, diff.bids.length),
    asks: levels(format, diff.asks, diff.asks.length),
    at: diff.at,
  };
}

export function publicTradeView(format: MarketFormat, trade: PublicTradeItem): PublicTradeView {
  return {
    id: trade.id,
    seq: trade.seq,
    price: format.price(trade.price),
    quantity: format.quantity(trade.quantity),
    quote_quantity: format.quote(BigInt(trade.price) * BigInt(trade.quantity)),
    taker_side: trade.taker_side,
    executed_at: trade.executed_at,
  };
}

export function klineView(format: MarketFormat, candle: CandleItem): KlineView {
  return {
    open_time: new Date(candle.open_time).toISOString(),
    close_time: new Date(candle.close_time).toISOString(),
    open: format.price(candle.open),
    high: format.price(candle.high),
    low: format.price(candle.low),
    close: format.price(candle.close),
    volume: format.quantity(candle.volume),
    quote_volume: format.quote(candle.quote_volume),
    trades: candle.trades,
  };
}
