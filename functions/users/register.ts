import { createHash, randomUUID } from 'node:crypto';
import { ValidationError } from '../../shared/domain/errors';
import { passwordProblems } from '../../shared/domain/password-policy';
import { accountExistsNotice, type Mailer } from '../../shared/mail/mailer';
import {
  IdentityProviderError,
  type IdentityAdmin,
  type IdentityProvider,
} from './identity-provider';
import type { ThrottleStore } from './ports';
import { asRateLimit } from './provider-limits';
import {
  recordSecurityEvent,
  type RequestContext,
  type SecurityEventDeps,
} from './security-events';

export interface RegisterDeps extends SecurityEventDeps {
  readonly idp: IdentityProvider;
  readonly admin: IdentityAdmin;
  readonly mailer: Mailer;
  readonly throttles: ThrottleStore;
}

export interface Registration {
  readonly email: string;
  readonly password: string;
  readonly username: string | undefined;
}

/** One "someone registered your address" notice per address per quarter hour, at most. */
const NOTICE_WINDOW_SECONDS = 15 * 60;

const noticeKey = (email: string): string =>
  `NOTICE#ACCOUNT_EXISTS#${createHash('sha256').update(email).digest('hex')}`;

/**
 * Signs a person up. The answer never tells whether the address was free:
 * - a new address gets an unconfirmed account and a verification code by mail;
 * - an address whose sign-up was never confirmed is signed up afresh (the newest registration
 *   wins until one is confirmed; only the mailbox owner can confirm);
 * - a confirmed account's owner gets an `ACCOUNT_EXISTS` notice, and the caller the same
 *   answer as a new sign-up, with a user id that leads nowhere.
 */
export async function register(
  deps: RegisterDeps,
  input: Registration,
  context: RequestContext,
): Promise<{ userId: string; email: string; status: 'PENDING_VERIFICATION' }> {
  const problems = passwordProblems(input.password, input.email);
  if (problems.length > 0) {
    throw new ValidationError(
      problems.map((message) => ({ field: 'password', in: 'body', message })),
    );
  }
  const answer = (userId: string) =>
    ({ userId, email: input.email, status: 'PENDING_VERIFICATION' }) as const;

  const signUp = async (): Promise<string | undefined> => {
    try {
      return await deps.idp.signUp(input.email, input.password, input.username);
    } catch (error) {
      if (error instanceof IdentityProviderError && error.reason === 'account_exists') {
        return undefined;
      }
      if (error instanceof IdentityProviderError && error.reason === 'invalid_password') {
        throw new ValidationError([
          { field: 'password', in: 'body', message: 'Does not meet the password policy' },
        ]);
      }
      throw asRateLimit(error);
    }
  };

  const newUserId = await signUp();
  if (newUserId !== undefined) {
    await recordSecurityEvent(deps, {
      userId: newUserId,
      type: 'registered',
      result: 'success',
      context,
    });
    return answer(newUserId);
  }

  const existing = await deps.admin.findAccount(input.email);
  if (existing !== undefined && !existing.confirmed) {
    await deps.admin.deleteAccount(input.email);
    const again = await signUp();
    if (again !== undefined) {
      await recordSecurityEvent(deps, {
        userId: again,
        type: 'registered',
        result: 'success',
        context,
      });
      return answer(again);
    }
  }
  const nowMs = deps.clock.now().getTime();
  if (await deps.throttles.claimOnce(noticeKey(input.email), nowMs, NOTICE_WINDOW_SECONDS)) {
    await deps.mailer.send(accountExistsNotice(input.email));
  }
  await recordSecurityEvent(deps, {
    userId: existing?.userId,
    type: 'registration_repeated',
    result: 'denied',
    context,
  });
  // Cognito's `sub` of a new sign-up is a random (version 4) UUID; a decoy of another version
  // (our ids are time-ordered v7) would tell a taken address from a free one.
  return answer(randomUUID());
}
