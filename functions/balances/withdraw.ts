import type { WithdrawBody } from '../../shared/contracts/trading-account';
import { InsufficientBalanceError, PermissionDeniedError } from '../../shared/domain/errors';
import { formatDecimal, parseDecimal } from '../../shared/domain/money';
import { addressFormatOf, isValidAddress } from '../../shared/trading/addresses';
import { kycLimitsOf } from '../../shared/trading/kyc-limits';
import type { WithdrawalItem } from '../../shared/trading/withdrawal-items';
import { amountField, assetField, fieldError } from './amounts';
import { auditEntry, type Caller } from './caller';
import type { AccountDeps } from './ports';

export type WithdrawDeps = Pick<
  AccountDeps,
  'profiles' | 'balances' | 'withdrawals' | 'stepUp' | 'audit' | 'clock' | 'newId'
>;

/** Why a step-up was refused, in `details.reason` of the 403 and in the audit record. */
type StepUpRefusal = 'mfa_code_required' | 'mfa_code_invalid' | 'mfa_step_up_unavailable';

const refusalMessages: Readonly<Record<StepUpRefusal, string>> = {
  mfa_code_required:
    'Two-factor authentication is on: send mfa_code, the current code of your authenticator app',
  mfa_code_invalid:
    'The two-factor code is wrong or was already used; send the current code (each code works once)',
  mfa_step_up_unavailable:
    'Two-factor verification of withdrawals is not available; withdrawals of accounts with two-factor authentication are refused',
};

async function refuseStepUp(
  deps: WithdrawDeps,
  caller: Caller,
  reason: StepUpRefusal,
): Promise<never> {
  await deps.audit.record(
    auditEntry(caller, 'withdrawal.requested', { type: 'withdrawal', id: '-' }, 'denied', {
      reason,
    }),
  );
  throw new PermissionDeniedError(refusalMessages[reason], { details: { reason } });
}

/**
 * Two-factor step-up: an account with MFA on must send a current TOTP code, accepted once.
 * Missing, wrong and replayed codes are 403 and audited; without a verifier the withdrawal is
 * refused, never let through.
 */
async function checkStepUp(
  deps: WithdrawDeps,
  caller: Caller,
  code: string | undefined,
): Promise<void> {
  if (code === undefined) return refuseStepUp(deps, caller, 'mfa_code_required');
  if (deps.stepUp === undefined) return refuseStepUp(deps, caller, 'mfa_step_up_unavailable');
  if (!(await deps.stepUp.verify(caller.userId, code))) {
    return refuseStepUp(deps, caller, 'mfa_code_invalid');
  }
}

/**
 * Requests a withdrawal: an active account, a well-formed address for the asset, the KYC
 * level's daily limit, then the step-up when MFA is on (after a read of the balance, so a
 * request refused for an amount the account does not hold does not spend the code); then the
 * amount is locked, within the balance and the day's limit, and the withdrawal waits (PENDING)
 * for an admin's decision. Only a race or the day's running total can still refuse it after
 * the code was spent.
 */
export async function withdraw(
  deps: WithdrawDeps,
  caller: Caller,
  body: WithdrawBody,
): Promise<WithdrawalItem> {
  const asset = assetField('asset', body.asset);
  const amount = amountField('amount', body.amount, asset);
  if (!isValidAddress(asset.code, body.address)) {
    throw fieldError('address', `Must be ${addressFormatOf(asset.code)}`);
  }
  const profile = await deps.profiles.get(caller.userId);
  if (profile.status !== 'ACTIVE') throw new PermissionDeniedError('The account is not active');
  const limitText = kycLimitsOf(profile.kycLevel).dailyWithdrawal[asset.code];
  if (limitText === undefined) {
    throw new PermissionDeniedError(
      `Withdrawals of ${asset.code} need a higher KYC level than ${profile.kycLevel}`,
    );
  }
  const dailyLimit = parseDecimal(limitText, asset.precision);
  if (amount > dailyLimit) {
    throw fieldError(
      'amount',
      `Exceeds the daily limit of ${formatDecimal(dailyLimit, asset.precision)} ${asset.code} for KYC level ${profile.kycLevel}`,
    );
  }
  if (profile.mfaEnabled) {
    const balance = await deps.balances.get(caller.userId, asset.code);
    if (balance.available < amount) {
      throw new InsufficientBalanceError(`Insufficient ${asset.code} balance`);
    }
    await checkStepUp(deps, caller, body.mfa_code);
  }
  const withdrawal = await deps.withdrawals.request({
    userId: caller.userId,
    withdrawalId: deps.newId(),
    asset: asset.code,
    amount,
    address: body.address,
    dailyLimit,
    at: deps.clock.now().toISOString(),
  });
  await deps.audit.record(
    auditEntry(
      caller,
      'withdrawal.requested',
      { type: 'withdrawal', id: withdrawal.id },
      'success',
      {
        asset: asset.code,
        amount: body.amount,
        address: body.address,
      },
    ),
  );
  return withdrawal;
}
