/**
 * Money without floating point (DESIGN §6). Amounts cross the API as decimal strings and live
 * inside as `bigint` counts of a fixed unit: an asset's minor unit (10^-precision), a market's
 * tick (price) or lot (quantity). Nothing here rounds silently: a value that does not fit its
 * unit exactly is refused, and the few places that must round (fees, averages) say which way.
 */

/** An unsigned decimal: digits, optionally a point and more digits. No sign, no exponent. */
export const DECIMAL_PATTERN = /^\d+(\.\d+)?$/;
/** As {@link DECIMAL_PATTERN} with an optional leading minus (admin adjustments only). */
export const SIGNED_DECIMAL_PATTERN = /^-?\d+(\.\d+)?$/;
/** Longest decimal string accepted anywhere, sign and point included. */
export const MAX_DECIMAL_LENGTH = 40;
/** Most digits after the point accepted at the edge; each unit allows fewer. */
export const MAX_DECIMAL_PLACES = 18;

export type DecimalProblem = 'format' | 'too_long' | 'too_many_decimals' | 'not_a_multiple';

/** A decimal string that cannot be represented exactly in the requested unit. */
export class DecimalFormatError extends Error {
  override readonly name = 'DecimalFormatError';
  constructor(
    readonly problem: DecimalProblem,
    message: string,
  ) {
    super(message);
  }
}

const TEN = 10n;

/** 10^n as a bigint; n must be a small non-negative integer. */
export function pow10(n: number): bigint {
  if (!Number.isInteger(n) || n < 0 || n > 100) throw new RangeError(`bad exponent ${n}`);
  return TEN ** BigInt(n);
}

/** Digits after the point of a well-formed decimal string ("0.010" → 3). */
export function decimalPlaces(text: string): number {
  const point = text.indexOf('.');
  return point === -1 ? 0 : text.length - point - 1;
}

/** Whether `text` is a well-formed decimal within the global bounds (signed when asked). */
export function isDecimalString(text: string, signed = false): boolean {
  return (
    text.length <= MAX_DECIMAL_LENGTH &&
    (signed ? SIGNED_DECIMAL_PATTERN : DECIMAL_PATTERN).test(text) &&
    decimalPlaces(text) <= MAX_DECIMAL_PLACES
  );
}

/**
 * Parses a decimal string into an integer count of 10^-scale: `parseDecimal('1.5', 8)` is
 * 150000000n. More digits after the point than `scale` is an error, never a rounding; trailing
 * zeros beyond the scale are fine ("1.50" at scale 1). `signed` admits a leading minus.
 */
export function parseDecimal(text: string, scale: number, signed = false): bigint {
  if (text.length > MAX_DECIMAL_LENGTH) {
    throw new DecimalFormatError('too_long', `Must be at most ${MAX_DECIMAL_LENGTH} characters`);
  }
  if (!(signed ? SIGNED_DECIMAL_PATTERN : DECIMAL_PATTERN).test(text)) {
    throw new DecimalFormatError('format', 'Must be a decimal string such as "0.001"');
  }
  const negative = text.startsWith('-');
  const unsigned = negative ? text.slice(1) : text;
  const [whole = '0', rawFraction = ''] = unsigned.split('.');
  const fraction = rawFraction.replace(/0+$/, '');
  if (fraction.length > scale || rawFraction.length > MAX_DECIMAL_PLACES) {
    throw new DecimalFormatError(
      'too_many_decimals',
      `Must have at most ${Math.min(scale, MAX_DECIMAL_PLACES)} decimal places`,
    );
  }
  const value = BigInt(whole) * pow10(scale) + BigInt(fraction.padEnd(scale, '0') || '0');
  return negative ? -value : value;
}

/**
 * Formats an integer count of 10^-scale as the canonical decimal string: no exponent, no
 * trailing zeros after the point, no point for whole numbers, "-" for negatives.
 */
export function formatDecimal(value: bigint, scale: number): string {
  const negative = value < 0n;
  const digits = (negative ? -value : value).toString().padStart(scale + 1, '0');
  const whole = digits.slice(0, digits.length - scale);
  const fraction = digits.slice(digits.length - scale).replace(/0+$/, '');
  return `${negative ? '-' : ''}${whole}${fraction ? `.${fraction}` : ''}`;
}

/** The scale of a step such as a tick size: "0.01" → 2, "1" → 0, "0.0005" → 4. */
export function scaleOfStep(step: string): number {
  return decimalPlaces(step.replace(/(\.\d*?)0+$/, '$1').replace(/\.$/, ''));
}

/** A step such as "0.0005" as an integer at its own scale (5n); must be positive. */
function stepUnits(step: string): { units: bigint; scale: number } {
  const scale = scaleOfStep(step);
  const units = parseDecimal(step, scale);
  if (units <= 0n) throw new RangeError(`step ${step} must be positive`);
  return { units, scale };
}

/**
 * How many `step`s make `text`: `toSteps('123.45', '0.01')` is 12345n. A value that is not a
 * whole number of steps (or has more decimals than the step) is refused.
 */
export function toSteps(text: string, step: string): bigint {
  const { units, scale } = stepUnits(step);
  let value: bigint;
  try {
    value = parseDecimal(text, scale);
  } catch (error) {
    if (error instanceof DecimalFormatError && error.problem === 'too_many_decimals') {
      throw new DecimalFormatError('not_a_multiple', `Must be a multiple of ${step}`);
    }
    throw error;
  }
  if (value % units !== 0n) {
    throw new DecimalFormatError('not_a_multiple', `Must be a multiple of ${step}`);
  }
  return value / units;
}

/** `count` steps as a canonical decimal string: `fromSteps(12345n, '0.01')` is "123.45". */
export function fromSteps(count: bigint, step: string): string {
  const { units, scale } = stepUnits(step);
  return formatDecimal(count * units, scale);
}

/**
 * How many units of 10^-scale one step is: `unitsPerStep('0.00001', 8)` is 1000n. Throws when
 * the step is finer than the scale (it would not be a whole number of units).
 */
export function unitsPerStep(step: string, scale: number): bigint {
  const { units, scale: stepScale } = stepUnits(step);
  if (stepScale > scale) throw new RangeError(`step ${step} is finer than 10^-${scale}`);
  return units * pow10(scale - stepScale);
}

/** ⌊a·b/c⌋ for non-negative operands. */
export function mulDivFloor(a: bigint, b: bigint, c: bigint): bigint {
  if (a < 0n || b < 0n || c <= 0n) throw new RangeError('mulDivFloor takes a, b ≥ 0 and c > 0');
  return (a * b) / c;
}

/** ⌈a·b/c⌉ for non-negative operands. */
export function mulDivCeil(a: bigint, b: bigint, c: bigint): bigint {
  if (a < 0n || b < 0n || c <= 0n) throw new RangeError('mulDivCeil takes a, b ≥ 0 and c > 0');
  return (a * b + c - 1n) / c;
}
