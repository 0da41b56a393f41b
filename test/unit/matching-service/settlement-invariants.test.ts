import { describe, expect, it } from 'vitest';
import { simulate, type SimulationResult } from './support/settlement-simulation';

const totals = (result: SimulationResult, asset: string) => {
  let total = 0n;
  for (const b of result.balances.values()) {
    if (b.asset === asset) total += b.available + b.locked;
  }
  return total;
};

const lockedByOrders = (result: SimulationResult, user: string, asset: string) => {
  let total = 0n;
  for (const o of result.orders.values()) {
    if (o.user_id === user && o.lock_asset === asset) total += o.lock_remaining;
  }
  return total;
};

describe.each([
  ['BTCUSDT', 'NONE', 1],
  ['BTCUSDT', 'EXPIRE_MAKER', 1],
  ['BTCUSDT', 'EXPIRE_TAKER', 1],
  ['BTCUSDT', 'EXPIRE_BOTH', 1],
  ['BTCUSDT', 'NONE', 8],
  ['ETHUSDT', 'EXPIRE_MAKER', 8],
] as const)(
  'settlement of a random %s session with default STP %s, runs of ~%i commands',
  (symbol, stp, runLength) => {
    const result = simulate(7, 3_000, stp, runLength, symbol);
    const base = symbol === 'BTCUSDT' ? 'BTC' : 'ETH';

    it('settles every engine event once, without an anomaly, and a replay changes nothing', () => {
      expect(result.anomalies).toEqual([]);
    });

    it('conserves every asset', () => {
      expect(totals(result, base)).toBe(result.deposits.get(base));
      expect(totals(result, 'USDT')).toBe(result.deposits.get('USDT'));
    });

    it('leaves no lock on a final order and none negative', () => {
      const bad = [...result.orders.values()].filter(
        (o) =>
          o.lock_remaining < 0n ||
          (!['PENDING', 'PARTIAL'].includes(o.status) && o.lock_remaining !== 0n),
      );
      expect(bad).toEqual([]);
    });

    it("keeps each account's locked balance equal to its open orders' locks", () => {
      for (const b of result.balances.values()) {
        if (b.userId === 'FEES') continue;
        expect(b.locked).toBe(lockedByOrders(result, b.userId, b.asset));
      }
    });
  },
);
