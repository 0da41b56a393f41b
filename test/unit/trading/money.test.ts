import { describe, expect, it } from 'vitest';
import {
  DecimalFormatError,
  decimalPlaces,
  formatDecimal,
  fromSteps,
  isDecimalString,
  mulDivCeil,
  mulDivFloor,
  parseDecimal,
  pow10,
  scaleOfStep,
  toSteps,
  unitsPerStep,
} from '../../../shared/domain/money';

describe('parseDecimal', () => {
  it.each([
    ['0', 8, 0n],
    ['1', 8, 100_000_000n],
    ['1.5', 8, 150_000_000n],
    ['0.00000001', 8, 1n],
    ['0.1', 1, 1n],
    ['1.50', 1, 15n],
    ['1.000000000', 2, 100n],
    ['00012.3', 2, 1230n],
    ['123456789012345678901234567890', 0, 123456789012345678901234567890n],
    ['90071992.54740993', 8, 9007199254740993n],
    ['100000000', 8, 10_000_000_000_000_000n],
  ])('reads %s at scale %i as %s', (text, scale, expected) => {
    expect(parseDecimal(text, scale)).toBe(expected);
  });

  it.each([
    ['-1', 'format'],
    ['+1', 'format'],
    ['1e3', 'format'],
    ['1E-8', 'format'],
    ['0x10', 'format'],
    ['.5', 'format'],
    ['5.', 'format'],
    ['1,5', 'format'],
    [' 1', 'format'],
    ['1 ', 'format'],
    ['', 'format'],
    ['NaN', 'format'],
    ['Infinity', 'format'],
    ['١', 'format'],
    ['1.5.5', 'format'],
    ['0.000000001', 'too_many_decimals'],
    ['1'.repeat(41), 'too_long'],
  ])('refuses %j (%s)', (text, problem) => {
    const attempt = () => parseDecimal(text, 8);

    expect(attempt).toThrow(DecimalFormatError);
    expect(attempt).toThrow(expect.objectContaining({ problem }));
  });

  it('refuses more than 18 decimals even when they are zeros', () => {
    expect(() => parseDecimal(`1.${'0'.repeat(19)}`, 8)).toThrow(/at most/);
  });

  it('reads a sign only when asked', () => {
    expect(parseDecimal('-0.5', 8, true)).toBe(-50_000_000n);
    expect(parseDecimal('2', 8, true)).toBe(200_000_000n);
    expect(() => parseDecimal('--1', 8, true)).toThrow(DecimalFormatError);
  });
});

describe('formatDecimal', () => {
  it.each([
    [0n, 8, '0'],
    [1n, 8, '0.00000001'],
    [150_000_000n, 8, '1.5'],
    [100_000_000n, 8, '1'],
    [-50_000_000n, 8, '-0.5'],
    [-1n, 2, '-0.01'],
    [12345n, 0, '12345'],
    [9007199254740993n, 8, '90071992.54740993'],
    [10n ** 30n, 8, '10000000000000000000000'],
  ])('writes %s at scale %i as %s', (value, scale, expected) => {
    expect(formatDecimal(value, scale)).toBe(expected);
  });

  it('round-trips random values exactly at every scale', () => {
    let seed = 42;
    const next = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed;
    };
    for (let i = 0; i < 2000; i += 1) {
      const scale = next() % 19;
      const value = BigInt(next()) * BigInt(next()) * (next() % 2 === 0 ? 1n : -1n);

      expect(parseDecimal(formatDecimal(value, scale), scale, true)).toBe(value);
    }
  });
});

describe('steps', () => {
  it.each([
    ['0.01', 2],
    ['0.010', 2],
    ['1', 0],
    ['1.0', 0],
    ['10', 0],
    ['0.00001', 5],
    ['0.0005', 4],
  ])('gives the scale of step %s as %i', (step, scale) => {
    expect(scaleOfStep(step)).toBe(scale);
  });

  it.each([
    ['123.45', '0.01', 12345n],
    ['123.4', '0.01', 12340n],
    ['0.00001', '0.00001', 1n],
    ['1.000', '0.001', 1000n],
    ['0.0010', '0.0005', 2n],
    ['30000', '0.01', 3000000n],
  ])('counts %s as whole steps of %s', (text, step, steps) => {
    expect(toSteps(text, step)).toBe(steps);
  });

  it.each([
    ['123.456', '0.01'],
    ['0.000001', '0.00001'],
    ['0.0007', '0.0005'],
  ])('refuses %s, which is not a multiple of %s', (text, step) => {
    expect(() => toSteps(text, step)).toThrow(`Must be a multiple of ${step}`);
  });

  it('passes format problems through unchanged', () => {
    expect(() => toSteps('1e2', '0.01')).toThrow(/decimal string/);
  });

  it.each([
    [12345n, '0.01', '123.45'],
    [1n, '0.00001', '0.00001'],
    [2n, '0.0005', '0.001'],
    [0n, '0.01', '0'],
  ])('writes %s steps of %s as %s', (steps, step, text) => {
    expect(fromSteps(steps, step)).toBe(text);
  });

  it('converts steps into minor units and refuses a step finer than the unit', () => {
    expect(unitsPerStep('0.00001', 8)).toBe(1000n);
    expect(unitsPerStep('0.01', 2)).toBe(1n);
    expect(() => unitsPerStep('0.001', 2)).toThrow(RangeError);
    expect(() => unitsPerStep('0', 2)).toThrow(RangeError);
  });
});

describe('integer helpers', () => {
  it('rounds a·b/c down or up', () => {
    expect(mulDivFloor(10n, 3n, 4n)).toBe(7n);
    expect(mulDivCeil(10n, 3n, 4n)).toBe(8n);
    expect(mulDivCeil(8n, 1n, 4n)).toBe(2n);
    expect(() => mulDivFloor(-1n, 1n, 1n)).toThrow(RangeError);
    expect(() => mulDivCeil(1n, 1n, 0n)).toThrow(RangeError);
  });

  it('checks decimal strings against the global bounds', () => {
    expect(isDecimalString('0.5')).toBe(true);
    expect(isDecimalString('-0.5')).toBe(false);
    expect(isDecimalString('-0.5', true)).toBe(true);
    expect(isDecimalString(`0.${'1'.repeat(19)}`)).toBe(false);
    expect(decimalPlaces('1.250')).toBe(3);
    expect(pow10(3)).toBe(1000n);
    expect(() => pow10(-1)).toThrow(RangeError);
  });
});
