import { ValidationError } from '../../shared/domain/errors';
import { baseGroup } from '../../shared/domain/identity';
import type { AttemptThrottle } from './attempt-throttle';
import type { IdentityAdmin, IdentityProvider } from './identity-provider';
import type { UserRepository } from './ports';
import { newProfile } from './profiles';
import { asRateLimit, isRefusal } from './provider-limits';
import {
  recordSecurityEvent,
  type RequestContext,
  type SecurityEventDeps,
} from './security-events';

export interface ConfirmDeps extends SecurityEventDeps {
  readonly idp: IdentityProvider;
  readonly admin: IdentityAdmin;
  readonly users: UserRepository;
  readonly throttle: AttemptThrottle;
}

const invalidCode = (): ValidationError =>
  new ValidationError([
    { field: 'code', in: 'body', message: 'The code is invalid or has expired' },
  ]);

/**
 * Confirms a sign-up with the mailed code: the account joins `trader` and its profile is
 * created `ACTIVE` (history: `PENDING_VERIFICATION → ACTIVE`). A wrong code, an unknown address
 * and an already confirmed one answer alike; guesses are throttled like passwords.
 */
export async function confirmRegistration(
  deps: ConfirmDeps,
  input: { email: string; code: string },
  context: RequestContext,
): Promise<{ status: 'ACTIVE' }> {
  const attempt = await deps.throttle.check('code', input.email, context.ip);
  try {
    await deps.idp.confirmSignUp(input.email, input.code);
  } catch (error) {
    if (isRefusal(error, 'code_mismatch', 'invalid_credentials', 'not_found')) {
      throw invalidCode();
    }
    throw asRateLimit(error);
  }
  await deps.throttle.succeeded('code', input.email, context.ip, attempt);
  const account = await deps.admin.findAccount(input.email);
  if (account === undefined) throw new Error('a confirmed account vanished');
  await deps.admin.addToGroup(account.userId, baseGroup);
  const at = deps.clock.now().toISOString();
  const profile = newProfile({
    userId: account.userId,
    email: input.email,
    username: account.preferredUsername,
    groups: [baseGroup],
    at,
  });
  await deps.users.create(profile, {
    userId: account.userId,
    from: 'PENDING_VERIFICATION',
    to: 'ACTIVE',
    reason: 'email confirmed',
    actor: 'system',
    at,
  });
  await recordSecurityEvent(deps, {
    userId: account.userId,
    type: 'confirmed',
    result: 'success',
    context,
  });
  return { status: 'ACTIVE' };
}
