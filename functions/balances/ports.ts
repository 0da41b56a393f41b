import type { AuditLog } from '../../shared/audit/audit-log';
import type { StepUpVerifier } from '../../shared/identity/step-up';
import type { UserStatus } from '../../shared/domain/user-status';
import type { BalanceSnapshot } from '../../shared/trading/balance-writes';
import type { LedgerItem } from '../../shared/trading/balance-items';
import type { TradeItem } from '../../shared/trading/trade-items';
import type { WithdrawalItem } from '../../shared/trading/withdrawal-items';
import type { LedgerType, WithdrawalStatus } from '../../shared/trading/vocabulary';
import type { Page, PageRequest } from '../../shared/domain/paging';

export type { Page, PageRequest };

/**
 * Ports of the account side (balances, ledger, trades, faucet, withdrawals). The adapters own
 * the Trading table's keys and transactions; use cases see amounts as `bigint` minor units.
 */

/** What trading needs of the identity profile. */
export interface AccountProfile {
  readonly status: UserStatus;
  readonly kycLevel: number;
  readonly feeTier: number;
  readonly mfaEnabled: boolean;
}

/**
 * Reads identity's profile (`USER#<sub>` / `PROFILE`). An account without a profile item —
 * one created in Cognito directly, as tests and the seeded admin are — counts as ACTIVE, KYC
 * level 0, fee tier 1, MFA off: the most restrictive limits, never a way around a suspension
 * (suspending writes the profile).
 */
export interface AccountProfiles {
  get(userId: string): Promise<AccountProfile>;
}

/**
 * Verifies a TOTP code for a step-up (withdrawals): identity's shared verifier over its sealed
 * copy of the secret. Without one, withdrawals of MFA accounts are refused.
 */
export type { StepUpVerifier };

export interface Clock {
  now(): Date;
}

export interface TimeRange {
  readonly from?: string | undefined;
  readonly to?: string | undefined;
}

export interface DepositRequest {
  readonly userId: string;
  readonly asset: string;
  readonly amount: bigint;
  readonly dailyCap: bigint;
  readonly depositId: string;
  readonly at: string;
}

export interface AdjustmentRequest {
  readonly userId: string;
  readonly asset: string;
  /** Signed: credit when positive, debit when negative. */
  readonly amount: bigint;
  readonly reason: string;
  readonly adjustmentId: string;
  readonly at: string;
}

export interface WithdrawalRequest {
  readonly userId: string;
  readonly withdrawalId: string;
  readonly asset: string;
  readonly amount: bigint;
  readonly address: string;
  readonly dailyLimit: bigint;
  readonly at: string;
}

export interface WithdrawalDecision {
  readonly withdrawalId: string;
  readonly approve: boolean;
  readonly adminId: string;
  readonly reason: string | null;
  readonly at: string;
}

/** Balances and the money movements that are not orders. */
export interface BalanceStore {
  get(userId: string, asset: string): Promise<BalanceSnapshot>;
  list(userId: string): Promise<readonly BalanceSnapshot[]>;
  /** Credits `available`; refuses (ConflictError) beyond the day's cap. */
  deposit(request: DepositRequest): Promise<BalanceSnapshot>;
  /** Credits or debits `available`; a debit beyond it is InsufficientBalanceError. */
  adjust(request: AdjustmentRequest): Promise<BalanceSnapshot>;
}

export interface WithdrawalStore {
  /** Locks the amount and records the withdrawal PENDING, within the day's limit. */
  request(request: WithdrawalRequest): Promise<WithdrawalItem>;
  /**
   * Approves (debits the lock) or rejects (unlocks) a PENDING withdrawal. Four eyes: an admin
   * may reject their own withdrawal (as a cancel) but never approve it (PermissionDeniedError).
   */
  decide(decision: WithdrawalDecision): Promise<WithdrawalItem>;
  list(status: WithdrawalStatus, page: PageRequest): Promise<Page<WithdrawalItem>>;
}

export interface LedgerQuery extends PageRequest, TimeRange {
  readonly asset?: string | undefined;
  readonly type?: LedgerType | undefined;
}

export interface TradeQuery extends PageRequest, TimeRange {
  readonly symbol?: string | undefined;
}

/** The caller's history: ledger entries and fills, newest first. */
export interface AccountHistory {
  ledger(userId: string, query: LedgerQuery): Promise<Page<LedgerItem>>;
  trades(userId: string, query: TradeQuery): Promise<Page<TradeItem>>;
}

export interface AccountDeps {
  readonly profiles: AccountProfiles;
  readonly balances: BalanceStore;
  readonly withdrawals: WithdrawalStore;
  readonly history: AccountHistory;
  readonly stepUp: StepUpVerifier | undefined;
  readonly audit: AuditLog;
  readonly clock: Clock;
  readonly newId: () => string;
  /** Whether the faucet is on (sandbox or local stack). */
  readonly sandbox: boolean;
}
