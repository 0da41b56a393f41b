import { NotFoundError, ValidationError } from '../../shared/domain/errors';
import { passwordProblems } from '../../shared/domain/password-policy';
import type { Identity } from '../../shared/http/identity';
import type { AttemptThrottle } from './attempt-throttle';
import type { IdentityProvider } from './identity-provider';
import type { SessionStore, UserRepository } from './ports';
import { asRateLimit, isRefusal } from './provider-limits';
import {
  recordSecurityEvent,
  type RequestContext,
  type SecurityEventDeps,
} from './security-events';
import { revokeAllSessions } from './sessions';

export interface PasswordDeps extends SecurityEventDeps {
  readonly idp: IdentityProvider;
  readonly users: UserRepository;
  readonly sessions: SessionStore;
  readonly throttle: AttemptThrottle;
}

const policy = (field: string, password: string, email: string): void => {
  const problems = passwordProblems(password, email);
  if (problems.length > 0) {
    throw new ValidationError(problems.map((message) => ({ field, in: 'body', message })));
  }
};

/**
 * Changes the password of the signed-in caller (Cognito needs their access token) and revokes
 * every other session: whoever else held one must sign in with the new password. Wrong current
 * passwords count in the sign-in throttle, so a stolen token cannot be used to guess it.
 */
export async function changePassword(
  deps: PasswordDeps,
  identity: Identity,
  input: { accessToken: string; previous: string; proposed: string },
  context: RequestContext,
): Promise<number> {
  const profile = await deps.users.get(identity.userId);
  if (profile === undefined) throw new NotFoundError('No such user');
  policy('proposed_password', input.proposed, profile.email);
  const attempt = await deps.throttle.check('login', profile.email, context.ip);
  try {
    await deps.idp.changePassword(input.accessToken, input.previous, input.proposed);
  } catch (error) {
    if (!isRefusal(error, 'invalid_credentials')) throw asRateLimit(error);
    await recordSecurityEvent(deps, {
      userId: identity.userId,
      type: 'password.changed',
      result: 'failure',
      context,
    });
    throw new ValidationError([
      { field: 'previous_password', in: 'body', message: 'Is not your current password' },
    ]);
  }
  await deps.throttle.passed('login', profile.email, context.ip, attempt);
  const at = deps.clock.now().toISOString();
  const revoked = await revokeAllSessions(
    deps.sessions,
    identity.userId,
    at,
    'password changed',
    identity.sessionId,
  );
  await recordSecurityEvent(deps, {
    userId: identity.userId,
    type: 'password.changed',
    result: 'success',
    context,
    details: { sessions_revoked: revoked },
  });
  return revoked;
}

/** Mails a reset code when the address has an account; the answer is the same either way. */
export async function forgotPassword(
  deps: PasswordDeps,
  email: string,
  context: RequestContext,
): Promise<void> {
  try {
    await deps.idp.forgotPassword(email);
  } catch (error) {
    if (!isRefusal(error, 'not_found', 'limit_exceeded')) throw error;
  }
  const account = await deps.users.findByEmail(email);
  await recordSecurityEvent(deps, {
    userId: account?.userId,
    type: 'password.reset_requested',
    result: 'success',
    context,
    details: account === undefined ? { email } : {},
  });
}

/**
 * Sets a new password with a mailed reset code, then revokes every session of the account:
 * a reset is what a person does when someone else may know the old password.
 */
export async function resetPassword(
  deps: PasswordDeps,
  input: { email: string; code: string; password: string },
  context: RequestContext,
): Promise<void> {
  policy('password', input.password, input.email);
  const attempt = await deps.throttle.check('code', input.email, context.ip);
  try {
    await deps.idp.confirmForgotPassword(input.email, input.code, input.password);
  } catch (error) {
    if (isRefusal(error, 'invalid_password')) {
      throw new ValidationError([
        { field: 'password', in: 'body', message: 'Does not meet the password policy' },
      ]);
    }
    if (!isRefusal(error, 'code_mismatch', 'invalid_credentials', 'not_found')) {
      throw asRateLimit(error);
    }
    throw new ValidationError([
      { field: 'code', in: 'body', message: 'The code is invalid or has expired' },
    ]);
  }
  await deps.throttle.succeeded('code', input.email, context.ip, attempt);
  await deps.throttle.clearPair('login', input.email, context.ip);
  const account = await deps.users.findByEmail(input.email);
  const at = deps.clock.now().toISOString();
  const revoked =
    account === undefined
      ? 0
      : await revokeAllSessions(deps.sessions, account.userId, at, 'password reset');
  await recordSecurityEvent(deps, {
    userId: account?.userId,
    type: 'password.reset',
    result: 'success',
    context,
    details: { sessions_revoked: revoked },
  });
}
