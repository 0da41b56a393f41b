import type { SealedTotpSecret } from './totp-envelope';

/**
 * A user's TOTP enrolment as the API keeps it beside Cognito's (`USER#<sub>` / `TOTP` in the
 * Users table): Cognito never reveals the secret again, so this sealed copy is what step-up
 * checks (withdrawals, later API-key creation) verify codes against.
 */
export interface TotpEnrolment {
  /** `PENDING` from enable-2fa until confirm-2fa; only an `ACTIVE` one verifies step-ups. */
  readonly status: 'PENDING' | 'ACTIVE';
  readonly sealed: SealedTotpSecret;
  /** The latest time step a step-up accepted; no code of it or before is accepted again. */
  readonly lastAcceptedStep: number | null;
  /** Step-up attempts not (yet) accepted since the last accepted one or the count's restart. */
  readonly failedAttempts: number;
  /** Epoch milliseconds of the latest such attempt. */
  readonly lastFailureMs: number | null;
}

/** The enrolment item: written by identity's MFA routes, read and advanced by step-ups. */
export interface TotpEnrolmentStore {
  get(userId: string): Promise<TotpEnrolment | undefined>;
  /** Replaces any enrolment with a new `PENDING` one (a new secret resets every counter). */
  savePending(userId: string, sealed: SealedTotpSecret, at: string): Promise<void>;
  /** `PENDING` → `ACTIVE`; false when there is no enrolment to activate. */
  activate(userId: string, at: string): Promise<boolean>;
  remove(userId: string): Promise<void>;
  /**
   * Records `step` as accepted, only if the enrolment is `ACTIVE` and every accepted step so
   * far is older (a conditional write): false when another request claimed it or a later one
   * first. Clears the failure count.
   */
  claimStep(userId: string, step: number): Promise<boolean>;
  /**
   * Counts an attempt at `atMs` before its code is compared, atomically (a conditional write):
   * the count restarts at 1 when the latest counted attempt is at or before `lockStartMs`, and
   * otherwise grows only while below `max`. False, counting nothing, when `max` attempts since
   * `lockStartMs` stand (locked) or the enrolment is not `ACTIVE`. An accepted code's
   * `claimStep` clears the count, so only wrong or replayed codes stay counted.
   */
  reserveAttempt(userId: string, atMs: number, max: number, lockStartMs: number): Promise<boolean>;
}
