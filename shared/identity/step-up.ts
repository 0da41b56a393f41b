import { PermissionDeniedError, RateLimitExceededError } from '../domain/errors';
import { TOTP_WINDOW, matchTotp, timeStepAt } from './totp';
import type { TotpEnrolmentStore } from './totp-enrolments';
import { openTotpSecret, type TotpDataKeys } from './totp-envelope';

/**
 * Verifies a TOTP code for a step-up: a sensitive action (a withdrawal, creating an API key) of
 * an account with two-factor authentication on. True only for a current code (now ± 1 step)
 * that was never accepted before; false for a wrong or replayed one.
 */
export interface StepUpVerifier {
  verify(userId: string, code: string): Promise<boolean>;
}

/** How many wrong codes in a row lock step-ups, and for how long after the latest one. */
export interface StepUpPolicy {
  readonly maxFailures: number;
  readonly lockSeconds: number;
}

/** Five wrong codes lock step-ups for 15 minutes: guessing 3 codes in 10^6 stays hopeless. */
export const DEFAULT_STEP_UP_POLICY: StepUpPolicy = { maxFailures: 5, lockSeconds: 15 * 60 };

export interface TotpStepUpDeps {
  readonly enrolments: TotpEnrolmentStore;
  readonly dataKeys: TotpDataKeys;
  readonly clock: { now(): Date };
  readonly policy?: StepUpPolicy;
}

/**
 * Marks every code valid at `nowMs` as used for step-ups. For codes Cognito checked (sign-in,
 * enrolment), which this verifier never saw: without it, the code typed to sign in would
 * still authorise a withdrawal within its window. False when there is no active enrolment.
 */
export const spendCurrentCodes = (
  enrolments: Pick<TotpEnrolmentStore, 'claimStep'>,
  userId: string,
  nowMs: number,
): Promise<boolean> => enrolments.claimStep(userId, timeStepAt(nowMs) + TOTP_WINDOW);

/** Two-factor was turned on before the API kept a copy of the secret (or never confirmed). */
export class StepUpNotEnrolledError extends PermissionDeniedError {
  constructor() {
    super(
      'Two-factor codes cannot be checked for this account: turn two-factor authentication off and on again (POST /api/auth/disable-2fa, then enable-2fa and confirm-2fa)',
    );
  }
}

/**
 * The step-up verifier over the sealed enrolment: refuses while locked by wrong codes (429),
 * counts each attempt atomically before comparing its code (so concurrent guesses cannot all
 * pass one read of the count), opens the secret only for the comparison (zeroed right after),
 * and accepts a code once by claiming its time step with a conditional write, so a replay —
 * even a concurrent one — fails.
 */
export function totpStepUpVerifier(deps: TotpStepUpDeps): StepUpVerifier {
  const policy = deps.policy ?? DEFAULT_STEP_UP_POLICY;
  const lockMs = policy.lockSeconds * 1000;
  return {
    async verify(userId, code) {
      const enrolment = await deps.enrolments.get(userId);
      if (enrolment?.status !== 'ACTIVE') throw new StepUpNotEnrolledError();
      const nowMs = deps.clock.now().getTime();
      const sinceFailure =
        enrolment.lastFailureMs === null ? Infinity : nowMs - enrolment.lastFailureMs;
      const locked = () =>
        new RateLimitExceededError(
          'Too many wrong two-factor codes; try again later',
          Math.max(1, Math.ceil((lockMs - Math.min(sinceFailure, lockMs)) / 1000)),
        );
      if (enrolment.failedAttempts >= policy.maxFailures && sinceFailure < lockMs) throw locked();
      if (
        !(await deps.enrolments.reserveAttempt(userId, nowMs, policy.maxFailures, nowMs - lockMs))
      ) {
        throw locked();
      }
      const key = await openTotpSecret(deps.dataKeys, userId, enrolment.sealed);
      let step: number | undefined;
      try {
        step = matchTotp(key, code, nowMs);
      } finally {
        key.fill(0);
      }
      const last = enrolment.lastAcceptedStep;
      if (step !== undefined && (last === null || step > last)) {
        if (await deps.enrolments.claimStep(userId, step)) return true;
      }
      return false;
    },
  };
}
