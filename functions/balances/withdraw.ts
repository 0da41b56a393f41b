import type { WithdrawBody } from '../../shared/contracts/trading-account';
import { PermissionDeniedError } from '../../shared/domain/errors';
import { formatDecimal, parseDecimal } from '../../shared/domain/money';
import { addressFormatOf, isValidAddress } from '../../shared/trading/addresses';
import { kycLimitsOf } from '../../shared/trading/kyc-limits';
import type { WithdrawalItem } from '../../shared/trading/withdrawal-items';
import { amountField, assetField, fieldError } from './amounts';
import { auditEntry, type Caller } from './caller';
import type { AccountDeps } from './ports';

export type WithdrawDeps = Pick<
  AccountDeps,
  'profiles' | 'withdrawals' | 'stepUp' | 'audit' | 'clock' | 'newId'
>;

/**
 * Two-factor step-up: an account with MFA on must send a valid TOTP code. Without a verifier
 * (Cognito does not expose TOTP secrets) the withdrawal is refused, never let through.
 */
async function checkStepUp(
  deps: WithdrawDeps,
  caller: Caller,
  code: string | undefined,
): Promise<void> {
  if (code === undefined) {
    throw fieldError('mfa_code', 'Required when two-factor authentication is on');
  }
  if (deps.stepUp === undefined) {
    throw new PermissionDeniedError(
      'Two-factor verification of withdrawals is not available yet; withdrawals of accounts with two-factor authentication are refused',
    );
  }
  if (!(await deps.stepUp.verify(caller.userId, code))) {
    await deps.audit.record(
      auditEntry(caller, 'withdrawal.requested', { type: 'withdrawal', id: '-' }, 'denied', {
        reason: 'mfa_code_invalid',
      }),
    );
    throw fieldError('mfa_code', 'The code is not valid');
  }
}

/**
 * Requests a withdrawal: an active account, a well-formed address for the asset, the step-up
 * when MFA is on, the KYC level's daily limit; then the amount is locked and the withdrawal
 * waits (PENDING) for an admin's decision.
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
  if (profile.mfaEnabled) await checkStepUp(deps, caller, body.mfa_code);
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
