import { findAsset, type Asset, type Market } from '../domain/markets';
import { parseDecimal, pow10, scaleOfStep, toSteps, unitsPerStep } from '../domain/money';

/**
 * A market's integer arithmetic (DESIGN §6). Prices are ticks, quantities lots, amounts minor
 * units of an asset; the engine's quote amounts are "tick×lot" units (a price in ticks times a
 * quantity in lots). Every factor here is exact: {@link marketUnits} refuses a market whose
 * steps are finer than its assets' precision.
 */
export interface MarketUnits {
  readonly market: Market;
  readonly base: Asset;
  readonly quote: Asset;
  /** Base minor units in one lot. */
  readonly baseMinorPerLot: bigint;
  /** Quote minor units in one tick×lot unit (one tick of price on one lot of quantity). */
  readonly quoteMinorPerTickLot: bigint;
  readonly minLots: bigint;
  readonly maxLots: bigint;
  readonly minNotionalMinor: bigint;
}

/** The integer parameters of a market; throws when the registry entry is inconsistent. */
export function marketUnits(market: Market): MarketUnits {
  const base = findAsset(market.base);
  const quote = findAsset(market.quote);
  if (base === undefined || quote === undefined) {
    throw new Error(`market ${market.symbol} lists an unknown asset`);
  }
  const tickScale = scaleOfStep(market.tickSize);
  const lotScale = scaleOfStep(market.lotSize);
  if (tickScale + lotScale > quote.precision) {
    throw new Error(`market ${market.symbol}: tick × lot is finer than ${quote.code}'s minor unit`);
  }
  const tickUnits = unitsPerStep(market.tickSize, tickScale);
  const lotUnits = unitsPerStep(market.lotSize, lotScale);
  return {
    market,
    base,
    quote,
    baseMinorPerLot: unitsPerStep(market.lotSize, base.precision),
    quoteMinorPerTickLot: tickUnits * lotUnits * pow10(quote.precision - tickScale - lotScale),
    minLots: toSteps(market.minQuantity, market.lotSize),
    maxLots: toSteps(market.maxQuantity, market.lotSize),
    minNotionalMinor: parseDecimal(market.minNotional, quote.precision),
  };
}

/** Quote minor units of `ticks` × `lots` (price × quantity). */
export const quoteMinorOf = (units: MarketUnits, ticks: bigint, lots: bigint): bigint =>
  ticks * lots * units.quoteMinorPerTickLot;

/** Base minor units of `lots`. */
export const baseMinorOf = (units: MarketUnits, lots: bigint): bigint =>
  lots * units.baseMinorPerLot;

/**
 * The average price of `quoteMinor` paid for `baseMinor`, as quote minor units per whole base
 * unit, rounded down (display only; settlement never uses it).
 */
export function averagePriceMinor(units: MarketUnits, quoteMinor: bigint, baseMinor: bigint) {
  if (baseMinor === 0n) return undefined;
  return (quoteMinor * pow10(units.base.precision)) / baseMinor;
}
