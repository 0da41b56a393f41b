import { feeFor } from './fees';
import { baseMinorOf, quoteMinorOf, type MarketUnits } from './market-units';

/**
 * What one fill moves, in minor units, for settlement: the buyer pays `quote` from its lock
 * and receives `base − buyerFee`; the seller pays `base` from its lock and receives
 * `quote − sellerFee`; the fee account receives both fees. A buyer whose limit was above the
 * fill price gets `buyerRefund` (limit − price) × quantity unlocked.
 */
export interface FillAmounts {
  readonly quote: bigint;
  readonly base: bigint;
  readonly buyerFee: bigint;
  readonly sellerFee: bigint;
  readonly buyerRefund: bigint;
}

export function fillAmounts(
  units: MarketUnits,
  fill: {
    readonly priceTicks: bigint;
    readonly lots: bigint;
    readonly buyerFeePpm: number;
    readonly sellerFeePpm: number;
    /** The buyer's limit in ticks; absent for a market buy (its lock is released when final). */
    readonly buyerLimitTicks?: bigint;
  },
): FillAmounts {
  const quote = quoteMinorOf(units, fill.priceTicks, fill.lots);
  const base = baseMinorOf(units, fill.lots);
  const limit = fill.buyerLimitTicks;
  return {
    quote,
    base,
    buyerFee: feeFor(base, fill.buyerFeePpm),
    sellerFee: feeFor(quote, fill.sellerFeePpm),
    buyerRefund: limit === undefined ? 0n : quoteMinorOf(units, limit - fill.priceTicks, fill.lots),
  };
}
