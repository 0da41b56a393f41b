import { formatDecimal } from '../domain/money';

/**
 * Fee tiers 1–5 (tier 1 is everyone's default; higher tiers pay less). Rates are integers in
 * millionths ("ppm"; 100 ppm = 1 basis point), so fractional basis points are exact. A fee is
 * charged in the asset the account receives (a buyer pays in base, a seller in quote) and is
 * rounded up to the received asset's minor unit.
 */
export const PPM = 1_000_000n;

export interface FeeSchedule {
  readonly tier: number;
  readonly makerPpm: number;
  readonly takerPpm: number;
}

export const feeTiers: readonly FeeSchedule[] = [
  { tier: 1, makerPpm: 1000, takerPpm: 1500 },
  { tier: 2, makerPpm: 800, takerPpm: 1300 },
  { tier: 3, makerPpm: 600, takerPpm: 1100 },
  { tier: 4, makerPpm: 400, takerPpm: 900 },
  { tier: 5, makerPpm: 200, takerPpm: 700 },
];

const DEFAULT_SCHEDULE = feeTiers[0]!;

/** The schedule of a tier; an unknown tier pays tier 1's rates (never less than intended). */
export function feeScheduleOf(tier: number): FeeSchedule {
  return feeTiers.find((schedule) => schedule.tier === tier) ?? DEFAULT_SCHEDULE;
}

/** ⌈amount × rate / 10^6⌉: the fee on `amount` minor units at `ratePpm`. */
export function feeFor(amount: bigint, ratePpm: number): bigint {
  if (amount < 0n) throw new RangeError('fees are charged on non-negative amounts');
  if (!Number.isInteger(ratePpm) || ratePpm < 0 || ratePpm > 1_000_000) {
    throw new RangeError(`bad fee rate ${ratePpm}`);
  }
  return (amount * BigInt(ratePpm) + PPM - 1n) / PPM;
}

/** A rate in ppm as a decimal fraction string: 1500 → "0.0015". */
export const rateAsDecimal = (ratePpm: number): string => formatDecimal(BigInt(ratePpm), 6);
