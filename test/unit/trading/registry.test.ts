import { describe, expect, it } from 'vitest';
import {
  assets,
  findAsset,
  findMarket,
  isMarketStatus,
  markets,
} from '../../../shared/domain/markets';
import { isValidAddress } from '../../../shared/trading/addresses';
import { feeFor, feeScheduleOf, feeTiers, rateAsDecimal } from '../../../shared/trading/fees';
import { fillAmounts } from '../../../shared/trading/fills';
import { kycLimitsOf, kycLimitsTable } from '../../../shared/trading/kyc-limits';
import { averagePriceMinor, marketUnits } from '../../../shared/trading/market-units';
import { faucetDailyCap } from '../../../shared/trading/faucet';
import { parseDecimal } from '../../../shared/domain/money';

describe('markets and assets registry', () => {
  it('gives every market whole-number integer factors', () => {
    for (const market of markets) {
      const units = marketUnits(market);

      expect(units.baseMinorPerLot, market.symbol).toBeGreaterThan(0n);
      expect(units.quoteMinorPerTickLot, market.symbol).toBeGreaterThan(0n);
      expect(units.minLots, market.symbol).toBeLessThanOrEqual(units.maxLots);
    }
  });

  it('derives the seeded BTCUSDT factors', () => {
    const units = marketUnits(findMarket('BTCUSDT')!);

    expect(units.baseMinorPerLot).toBe(1000n);
    expect(units.quoteMinorPerTickLot).toBe(10n);
    expect(units.minNotionalMinor).toBe(1_000_000_000n);
    expect(units.maxLots).toBe(900_000_000n);
  });

  it('refuses a market whose steps are finer than its assets', () => {
    const fine = { ...findMarket('BTCUSDT')!, tickSize: '0.0001', lotSize: '0.00001' };

    expect(() => marketUnits(fine)).toThrow(/finer/);
    expect(() => marketUnits({ ...fine, base: 'DOGE' })).toThrow(/unknown asset/);
  });

  it('lists the statuses and every asset the markets use', () => {
    expect(isMarketStatus('CANCEL_ONLY')).toBe(true);
    expect(isMarketStatus('BREAK')).toBe(false);
    for (const market of markets) {
      expect(findAsset(market.base)).toBeDefined();
      expect(findAsset(market.quote)).toBeDefined();
    }
    expect(assets.every((asset) => faucetDailyCap[asset.code] !== undefined)).toBe(true);
  });

  it('averages a price in quote minor units per whole base unit', () => {
    const units = marketUnits(findMarket('BTCUSDT')!);

    expect(averagePriceMinor(units, 3_000_000_000n, 100_000n)).toBe(3_000_000_000_000n);
    expect(averagePriceMinor(units, 1n, 0n)).toBeUndefined();
  });
});

describe('fees', () => {
  it('charges tier 1 0.10 % maker and 0.15 % taker, and less on every better tier', () => {
    expect(rateAsDecimal(feeScheduleOf(1).makerPpm)).toBe('0.001');
    expect(rateAsDecimal(feeScheduleOf(1).takerPpm)).toBe('0.0015');
    for (let i = 1; i < feeTiers.length; i += 1) {
      expect(feeTiers[i]!.makerPpm).toBeLessThan(feeTiers[i - 1]!.makerPpm);
      expect(feeTiers[i]!.takerPpm).toBeLessThan(feeTiers[i - 1]!.takerPpm);
    }
  });

  it('rounds a fee up to the minor unit and charges nothing on nothing', () => {
    expect(feeFor(1_000_000n, 1500)).toBe(1500n);
    expect(feeFor(1n, 1500)).toBe(1n);
    expect(feeFor(0n, 1500)).toBe(0n);
    expect(feeFor(666_667n, 1500)).toBe(1001n);
    expect(() => feeFor(-1n, 1500)).toThrow(RangeError);
    expect(() => feeFor(1n, 1.5)).toThrow(RangeError);
  });

  it('treats an unknown tier as tier 1', () => {
    expect(feeScheduleOf(9)).toEqual(feeScheduleOf(1));
  });

  it('splits a fill into what each side pays, receives and is refunded', () => {
    const units = marketUnits(findMarket('BTCUSDT')!);

    const fill = fillAmounts(units, {
      priceTicks: 3_000_000n,
      lots: 100n,
      buyerFeePpm: 1500,
      sellerFeePpm: 1000,
      buyerLimitTicks: 3_100_000n,
    });

    expect(fill.quote).toBe(parseDecimal('30', 8));
    expect(fill.base).toBe(parseDecimal('0.001', 8));
    expect(fill.buyerFee).toBe(150n);
    expect(fill.sellerFee).toBe(parseDecimal('0.03', 8));
    expect(fill.buyerRefund).toBe(parseDecimal('1', 8));
  });
});

describe('KYC limits', () => {
  it('raises every limit with the level and keeps level 0 from withdrawing', () => {
    expect(kycLimitsOf(0).dailyWithdrawal).toEqual({});
    for (let i = 1; i < kycLimitsTable.length; i += 1) {
      expect(kycLimitsTable[i]!.maxOpenOrders).toBeGreaterThan(
        kycLimitsTable[i - 1]!.maxOpenOrders,
      );
    }
    expect(kycLimitsOf(42)).toEqual(kycLimitsOf(0));
  });
});

describe('withdrawal addresses', () => {
  it.each([
    ['BTC', 'bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq', true],
    ['BTC', 'tb1qw508d6qejxtdg4y5r3zarvary0c5xw7kxpjzsx', true],
    ['BTC', '1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2', true],
    ['BTC', '3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy', true],
    ['BTC', 'bc1QAR0SRRR7XFKVY5L643LYDNW9RE59GTZZWF5MDQ', false],
    ['BTC', '0BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2', false],
    ['BTC', '0x52908400098527886E0F7030069857D2E4169EE7', false],
    ['ETH', '0x52908400098527886E0F7030069857D2E4169EE7', true],
    ['USDT', '0xde709f2102306220921060314715629080e2fb77', true],
    ['ETH', '0x52908400098527886E0F7030069857D2E4169EE', false],
    ['ETH', '52908400098527886E0F7030069857D2E4169EE7aa', false],
    ['DOGE', '0x52908400098527886E0F7030069857D2E4169EE7', false],
  ])('judges a %s address %s: %s', (asset, address, valid) => {
    expect(isValidAddress(asset, address)).toBe(valid);
  });
});
