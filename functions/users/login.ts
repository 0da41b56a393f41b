import { AuthenticationError } from '../../shared/domain/errors';
import { spendCurrentCodes } from '../../shared/identity/step-up';
import type { TotpEnrolmentStore } from '../../shared/identity/totp-enrolments';
import { openSession, SIGN_IN_FAILED, type SessionDeps, type SignedIn } from './open-session';
import { asRateLimit, isRefusal } from './provider-limits';
import { recordSecurityEvent, type RequestContext } from './security-events';

export type LoginOutcome =
  | { readonly kind: 'signed_in'; readonly session: SignedIn }
  | { readonly kind: 'mfa_required'; readonly challengeSession: string };

/**
 * A failed sign-in (already counted in the throttle buckets by its check): recorded in the
 * account's activity when the email belongs to one (the caller cannot tell), and answered with
 * the one message.
 */
async function refuse(
  deps: SessionDeps,
  email: string,
  context: RequestContext,
  method: 'password' | 'totp',
): Promise<never> {
  const account = await deps.users.findByEmail(email);
  await recordSecurityEvent(deps, {
    userId: account?.userId,
    type: 'login',
    result: 'failure',
    context,
    details: { method, ...(account === undefined ? { email } : {}) },
  });
  throw new AuthenticationError(method === 'password' ? SIGN_IN_FAILED : 'Invalid or expired code');
}

/**
 * Signs in with email and password. Unknown email, wrong password, unconfirmed or disabled
 * account: all answer `AUTHENTICATION_FAILED` with the same message, after the same work.
 * With TOTP on, the answer is a challenge to complete with {@link verifyTwoFactor}.
 */
export async function login(
  deps: SessionDeps,
  input: { email: string; password: string },
  context: RequestContext,
): Promise<LoginOutcome> {
  const attempt = await deps.throttle.check('login', input.email, context.ip);
  let result;
  try {
    result = await deps.idp.passwordAuth(input.email, input.password);
  } catch (error) {
    if (isRefusal(error, 'invalid_credentials', 'not_confirmed')) {
      return refuse(deps, input.email, context, 'password');
    }
    throw asRateLimit(error);
  }
  if (result.kind === 'mfa') {
    await deps.throttle.passed('login', input.email, context.ip, attempt);
    return { kind: 'mfa_required', challengeSession: result.session };
  }
  const session = await openSession(deps, result.tokens, input.email, context, 'password', attempt);
  return { kind: 'signed_in', session };
}

/** What completing a TOTP sign-in needs: a session, and the step-up's record of used codes. */
export interface TwoFactorSignInDeps extends SessionDeps {
  readonly totpEnrolments: Pick<TotpEnrolmentStore, 'claimStep'>;
}

/**
 * Completes a sign-in challenged for TOTP; wrong codes count like wrong passwords. The code
 * is then spent for step-ups too, so it cannot also authorise a withdrawal: a step-up right
 * after sign-in waits for a later code.
 */
export async function verifyTwoFactor(
  deps: TwoFactorSignInDeps,
  input: { email: string; session: string; code: string },
  context: RequestContext,
): Promise<SignedIn> {
  const attempt = await deps.throttle.check('login', input.email, context.ip);
  let tokens;
  try {
    tokens = await deps.idp.answerTotpChallenge(input.email, input.session, input.code);
  } catch (error) {
    if (isRefusal(error, 'code_mismatch', 'challenge_expired', 'invalid_credentials')) {
      return refuse(deps, input.email, context, 'totp');
    }
    throw asRateLimit(error);
  }
  const session = await openSession(deps, tokens, input.email, context, 'totp', attempt);
  await spendCurrentCodes(deps.totpEnrolments, tokens.userId, deps.clock.now().getTime());
  return session;
}
