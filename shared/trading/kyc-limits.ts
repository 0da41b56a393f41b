/**
 * What each KYC level may do (identity keeps the level, 0–3, on the profile). Amounts are
 * decimal strings in the named asset; an asset or quote asset missing from a map is not allowed
 * at that level. Level 0 trades small and cannot withdraw.
 */
export interface KycLimits {
  readonly level: number;
  /** Largest price × quantity of one order, per quote asset. */
  readonly maxOrderNotional: Readonly<Record<string, string>>;
  /** Orders placed and not yet final (PENDING or PARTIAL) at one time. */
  readonly maxOpenOrders: number;
  /** Withdrawals requested per UTC day, per asset (rejected ones give their share back). */
  readonly dailyWithdrawal: Readonly<Record<string, string>>;
}

export const kycLimitsTable: readonly KycLimits[] = [
  {
    level: 0,
    maxOrderNotional: { USDT: '10000' },
    maxOpenOrders: 20,
    dailyWithdrawal: {},
  },
  {
    level: 1,
    maxOrderNotional: { USDT: '100000' },
    maxOpenOrders: 100,
    dailyWithdrawal: { BTC: '2', ETH: '50', USDT: '100000' },
  },
  {
    level: 2,
    maxOrderNotional: { USDT: '1000000' },
    maxOpenOrders: 200,
    dailyWithdrawal: { BTC: '20', ETH: '500', USDT: '1000000' },
  },
  {
    level: 3,
    maxOrderNotional: { USDT: '10000000' },
    maxOpenOrders: 500,
    dailyWithdrawal: { BTC: '200', ETH: '5000', USDT: '10000000' },
  },
];

/** The limits of a level; an unknown level gets level 0's (the most restrictive). */
export function kycLimitsOf(level: number): KycLimits {
  return kycLimitsTable.find((limits) => limits.level === level) ?? kycLimitsTable[0]!;
}
