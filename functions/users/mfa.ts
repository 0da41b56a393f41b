import { ConflictError, NotFoundError, ValidationError } from '../../shared/domain/errors';
import type { Identity } from '../../shared/http/identity';
import { base32Decode } from '../../shared/identity/totp';
import {
  StepUpNotEnrolledError,
  spendCurrentCodes,
  type StepUpVerifier,
} from '../../shared/identity/step-up';
import type { TotpEnrolmentStore } from '../../shared/identity/totp-enrolments';
import { sealTotpSecret, type TotpDataKeys } from '../../shared/identity/totp-envelope';
import type { AttemptThrottle } from './attempt-throttle';
import type { IdentityProvider } from './identity-provider';
import type { UserProfile, UserRepository } from './ports';
import { asRateLimit, isRefusal } from './provider-limits';
import {
  recordSecurityEvent,
  type RequestContext,
  type SecurityEventDeps,
} from './security-events';

export interface MfaDeps extends SecurityEventDeps {
  readonly idp: IdentityProvider;
  readonly users: UserRepository;
  readonly throttle: AttemptThrottle;
  /** The name authenticator apps show beside the account. */
  readonly totpIssuer: string;
  /** The API's sealed copy of the secret, which step-up checks verify codes against. */
  readonly totpEnrolments: TotpEnrolmentStore;
}

/** enable-2fa also seals the new secret under the MFA key. */
export interface EnableMfaDeps extends MfaDeps {
  readonly totpDataKeys: TotpDataKeys;
}

const profileOf = async (deps: MfaDeps, identity: Identity): Promise<UserProfile> => {
  const profile = await deps.users.get(identity.userId);
  if (profile === undefined) throw new NotFoundError('No such user');
  return profile;
};

/** The `otpauth://` URI authenticator apps scan (RFC 6238: SHA-1, 6 digits, 30 s). */
export function otpauthUri(issuer: string, email: string, secret: string): string {
  const label = `${encodeURIComponent(issuer)}:${encodeURIComponent(email)}`;
  const query = new URLSearchParams({
    secret,
    issuer,
    algorithm: 'SHA1',
    digits: '6',
    period: '30',
  });
  return `otpauth://totp/${label}?${query.toString()}`;
}

/**
 * Starts TOTP enrolment: a fresh secret for the app. Sign-ins are unchanged until confirmed.
 * Cognito never shows the secret again, so a copy sealed under the MFA key is kept (pending) for
 * step-up checks; the secret is handed out only once that copy is stored.
 */
export async function enableTwoFactor(
  deps: EnableMfaDeps,
  identity: Identity,
  accessToken: string,
  context: RequestContext,
): Promise<{ secret: string; otpauthUri: string }> {
  const profile = await profileOf(deps, identity);
  if (profile.mfaEnabled) throw new ConflictError('Two-factor authentication is already on');
  const secret = await deps.idp.associateTotp(accessToken);
  const key = base32Decode(secret);
  try {
    const sealed = await sealTotpSecret(deps.totpDataKeys, identity.userId, key);
    await deps.totpEnrolments.savePending(identity.userId, sealed, deps.clock.now().toISOString());
  } finally {
    key.fill(0);
  }
  await recordSecurityEvent(deps, {
    userId: identity.userId,
    type: 'mfa.enrolment_started',
    result: 'success',
    context,
  });
  return { secret, otpauthUri: otpauthUri(deps.totpIssuer, profile.email, secret) };
}

/**
 * Finishes enrolment with a code from the app; from now on sign-ins ask for a code and the
 * sealed copy of the secret verifies step-ups. An enrolment started before the API kept copies
 * has none and must start again.
 */
export async function confirmTwoFactor(
  deps: MfaDeps,
  identity: Identity,
  input: { accessToken: string; code: string },
  context: RequestContext,
): Promise<void> {
  const profile = await profileOf(deps, identity);
  if (profile.mfaEnabled) throw new ConflictError('Two-factor authentication is already on');
  try {
    await deps.idp.verifyTotp(input.accessToken, input.code);
  } catch (error) {
    if (isRefusal(error, 'not_found')) {
      throw new ConflictError('Start with POST /api/auth/enable-2fa');
    }
    if (!isRefusal(error, 'code_mismatch')) throw asRateLimit(error);
    await recordSecurityEvent(deps, {
      userId: identity.userId,
      type: 'mfa.enabled',
      result: 'failure',
      context,
    });
    throw new ValidationError([{ field: 'code', in: 'body', message: 'Is not the current code' }]);
  }
  const at = deps.clock.now().toISOString();
  if (!(await deps.totpEnrolments.activate(identity.userId, at))) {
    throw new ConflictError('Start with POST /api/auth/enable-2fa');
  }
  await spendCurrentCodes(deps.totpEnrolments, identity.userId, deps.clock.now().getTime());
  await deps.idp.setTotpMfa(input.accessToken, true);
  await deps.users.setMfaEnabled(identity.userId, true, at);
  await recordSecurityEvent(deps, {
    userId: identity.userId,
    type: 'mfa.enabled',
    result: 'success',
    context,
  });
}

/** disable-2fa also checks codes against the sealed secret when the provider does not ask. */
export interface DisableMfaDeps extends MfaDeps {
  readonly stepUp: StepUpVerifier;
}

/**
 * Checks the password and a current code with a complete sign-in at the provider (whose tokens
 * are discarded at once). When the provider signs in without asking for a code (its MFA was
 * turned off behind the API's back), the code is checked against the sealed secret instead;
 * with no sealed secret either, no second factor is left to check. True when both hold.
 */
async function proveFactors(
  deps: DisableMfaDeps,
  userId: string,
  email: string,
  input: { password: string; code: string },
): Promise<boolean> {
  try {
    const first = await deps.idp.passwordAuth(email, input.password);
    const tokens =
      first.kind === 'mfa'
        ? await deps.idp.answerTotpChallenge(email, first.session, input.code)
        : first.tokens;
    if (tokens.refreshToken !== undefined) {
      // Best effort: these tokens have no session, so the authorizer refuses them anyway.
      await deps.idp.revokeRefreshToken(tokens.refreshToken).catch(() => undefined);
    }
    if (first.kind === 'mfa') return true;
  } catch (error) {
    if (!isRefusal(error, 'invalid_credentials', 'code_mismatch', 'challenge_expired')) {
      throw asRateLimit(error);
    }
    return false;
  }
  try {
    return await deps.stepUp.verify(userId, input.code);
  } catch (error) {
    if (error instanceof StepUpNotEnrolledError) return true;
    throw error;
  }
}

/**
 * Turns TOTP off. Proof is the password and a current code (`proveFactors`): a stolen access
 * token alone cannot strip the second factor. Failures count in the sign-in throttle.
 */
export async function disableTwoFactor(
  deps: DisableMfaDeps,
  identity: Identity,
  input: { accessToken: string; password: string; code: string },
  context: RequestContext,
): Promise<void> {
  const profile = await profileOf(deps, identity);
  if (!profile.mfaEnabled) throw new ConflictError('Two-factor authentication is already off');
  const attempt = await deps.throttle.check('login', profile.email, context.ip);
  if (!(await proveFactors(deps, identity.userId, profile.email, input))) {
    await recordSecurityEvent(deps, {
      userId: identity.userId,
      type: 'mfa.disabled',
      result: 'failure',
      context,
    });
    throw new ValidationError([
      { field: 'code', in: 'body', message: 'The password or the code is not correct' },
    ]);
  }
  await deps.throttle.passed('login', profile.email, context.ip, attempt);
  await deps.idp.setTotpMfa(input.accessToken, false);
  await deps.users.setMfaEnabled(identity.userId, false, deps.clock.now().toISOString());
  await deps.totpEnrolments.remove(identity.userId);
  await recordSecurityEvent(deps, {
    userId: identity.userId,
    type: 'mfa.disabled',
    result: 'success',
    context,
  });
}
