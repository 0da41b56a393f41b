import type { AdjustBalanceBody } from '../../shared/contracts/trading-admin';
import { NotFoundError, PermissionDeniedError } from '../../shared/domain/errors';
import type { BalanceSnapshot } from '../../shared/trading/balance-writes';
import { isFeesAccount } from '../../shared/trading/keys';
import { amountField, assetField } from '../balances/amounts';
import { auditEntry, type Caller } from '../balances/caller';
import type { AccountDeps } from '../balances/ports';

export type AdjustDeps = Pick<AccountDeps, 'balances' | 'audit' | 'clock' | 'newId'>;

/**
 * An admin credit (positive) or debit (negative) of a user's available balance, with its
 * reason in the ledger entry and the audit trail; counted as a deposit or a withdrawal so the
 * conservation check still balances. A debit never takes `available` below zero. A fee account
 * (`FEES…`) is no user: a credit to a mistyped one would sit outside every total, and the
 * conservation check would fail for good. Four eyes: an admin never adjusts their own balance.
 */
export async function adjustBalance(
  deps: AdjustDeps,
  admin: Caller,
  userId: string,
  body: AdjustBalanceBody,
): Promise<BalanceSnapshot> {
  if (isFeesAccount(userId)) throw new NotFoundError('No such user');
  if (userId === admin.userId) {
    throw new PermissionDeniedError('Another admin must adjust your own balance');
  }
  const asset = assetField('asset', body.asset);
  const amount = amountField('amount', body.amount, asset, true);
  const adjustmentId = deps.newId();
  const balance = await deps.balances.adjust({
    userId,
    asset: asset.code,
    amount,
    reason: body.reason,
    adjustmentId,
    at: deps.clock.now().toISOString(),
  });
  await deps.audit.record(
    auditEntry(
      admin,
      'balance.adjusted',
      { type: 'balance', id: `${userId}/${asset.code}` },
      'success',
      {
        adjustment_id: adjustmentId,
        user_id: userId,
        asset: asset.code,
        amount: body.amount,
        reason: body.reason,
      },
      'admin',
    ),
  );
  return balance;
}
