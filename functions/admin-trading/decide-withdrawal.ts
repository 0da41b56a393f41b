import type { WithdrawalItem } from '../../shared/trading/withdrawal-items';
import { auditEntry, type Caller } from '../balances/caller';
import type { AccountDeps } from '../balances/ports';

export type DecideDeps = Pick<AccountDeps, 'withdrawals' | 'audit' | 'clock'>;

/**
 * An admin's decision on a PENDING withdrawal: approval debits the locked amount and counts it
 * as withdrawn; rejection returns it to available. Either is audited with the reason.
 */
export async function decideWithdrawal(
  deps: DecideDeps,
  admin: Caller,
  withdrawalId: string,
  approve: boolean,
  reason: string | undefined,
): Promise<WithdrawalItem> {
  const withdrawal = await deps.withdrawals.decide({
    withdrawalId,
    approve,
    adminId: admin.userId,
    reason: reason ?? null,
    at: deps.clock.now().toISOString(),
  });
  await deps.audit.record(
    auditEntry(
      admin,
      approve ? 'withdrawal.approved' : 'withdrawal.rejected',
      { type: 'withdrawal', id: withdrawal.id },
      'success',
      { user_id: withdrawal.user_id, asset: withdrawal.asset, reason: reason ?? null },
      'admin',
    ),
  );
  return withdrawal;
}
