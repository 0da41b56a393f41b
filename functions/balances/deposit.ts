import type { DepositBody } from '../../shared/contracts/trading-account';
import { NotFoundError, PermissionDeniedError } from '../../shared/domain/errors';
import { parseDecimal } from '../../shared/domain/money';
import type { BalanceSnapshot } from '../../shared/trading/balance-writes';
import { faucetDailyCap } from '../../shared/trading/faucet';
import { amountField, assetField } from './amounts';
import { auditEntry, type Caller } from './caller';
import type { AccountDeps } from './ports';

export type DepositDeps = Pick<
  AccountDeps,
  'sandbox' | 'profiles' | 'balances' | 'audit' | 'clock' | 'newId'
>;

/**
 * The sandbox faucet: credits the caller's available balance, within the asset's daily cap
 * (`shared/trading/faucet.ts`). Outside a sandbox the route does not exist (404), so a
 * production deployment cannot mint money even if the route were bound.
 */
export async function deposit(
  deps: DepositDeps,
  caller: Caller,
  body: DepositBody,
): Promise<BalanceSnapshot> {
  if (!deps.sandbox) throw new NotFoundError('No route for POST /api/account/deposit');
  const asset = assetField('asset', body.asset);
  const amount = amountField('amount', body.amount, asset);
  const profile = await deps.profiles.get(caller.userId);
  if (profile.status !== 'ACTIVE') throw new PermissionDeniedError('The account is not active');
  const depositId = deps.newId();
  const balance = await deps.balances.deposit({
    userId: caller.userId,
    asset: asset.code,
    amount,
    dailyCap: parseDecimal(faucetDailyCap[asset.code] ?? '0', asset.precision),
    depositId,
    at: deps.clock.now().toISOString(),
  });
  await deps.audit.record(
    auditEntry(caller, 'balance.deposited', { type: 'balance', id: asset.code }, 'success', {
      deposit_id: depositId,
      asset: asset.code,
      amount: body.amount,
      source: 'faucet',
    }),
  );
  return balance;
}
