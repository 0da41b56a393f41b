import { z } from 'zod';
import { storedBigInt, storedInt } from './numbers';
import { ledgerTypes, referenceTypes } from './vocabulary';

/**
 * Stored balance, ledger, counter and daily-total items (keys in `keys.ts`). Amounts are
 * integers in the asset's minor unit, stored as DynamoDB numbers.
 */

/**
 * `ACCOUNT#<user>` / `BALANCE#<asset>`. `version` increases by one with every write, and every
 * write is conditioned on the version it read: that is what lets each ledger entry carry the
 * exact balance after it. A missing item is a zero balance at version 0.
 */
export const balanceItemSchema = z.object({
  user_id: z.string(),
  asset: z.string(),
  available: storedBigInt,
  locked: storedBigInt,
  version: storedBigInt,
  updated_at: z.string(),
});
export type BalanceItem = z.output<typeof balanceItemSchema>;

/**
 * `ACCOUNT#<user>` / `LEDGER#<iso>#<id>`: one movement. `amount` is the signed change of the
 * total (available + locked); `available_change` and `locked_change` split it; the `_after`
 * values are the balance right after this entry. Per account and asset, the sums of `amount`,
 * `available_change` and `locked_change` equal the balance's total, available and locked.
 */
export const ledgerItemSchema = z.object({
  id: z.string(),
  user_id: z.string(),
  type: z.enum(ledgerTypes),
  asset: z.string(),
  amount: storedBigInt,
  available_change: storedBigInt,
  locked_change: storedBigInt,
  available_after: storedBigInt,
  locked_after: storedBigInt,
  balance_after: storedBigInt,
  reference_type: z.enum(referenceTypes),
  reference_id: z.string(),
  memo: z.string().optional(),
  created_at: z.string(),
});
export type LedgerItem = z.output<typeof ledgerItemSchema>;

/**
 * `SYSTEM` / `COUNTER#<asset>`: everything that entered (`deposits`, incl. admin credits) and
 * left (`withdrawals`, incl. admin debits) the platform, kept with `ADD` in the same
 * transaction as the balance change. Conservation: Σ users' available + locked + fees ==
 * deposits − withdrawals.
 */
export const counterItemSchema = z.object({
  asset: z.string(),
  deposits: storedBigInt.default(0n),
  withdrawals: storedBigInt.default(0n),
});

/** `ACCOUNT#<user>` / `DAILY#<kind>#<asset>#<day>`: a day's faucet or withdrawal total. */
export const dailyItemSchema = z.object({
  amount: storedBigInt,
  expires_at: storedInt,
});
