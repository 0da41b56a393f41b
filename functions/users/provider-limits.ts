import { RateLimitExceededError } from '../../shared/domain/errors';
import { IdentityProviderError } from './identity-provider';

/** Seconds we ask a client to wait when Cognito itself throttles. */
export const PROVIDER_RETRY_AFTER_SECONDS = 60;

/** Cognito's own throttling becomes RATE_LIMIT_EXCEEDED; other failures pass through. */
export function asRateLimit(error: unknown): unknown {
  if (error instanceof IdentityProviderError && error.reason === 'limit_exceeded') {
    return new RateLimitExceededError(
      'Too many attempts; try again later',
      PROVIDER_RETRY_AFTER_SECONDS,
    );
  }
  return error;
}

/** True for a provider refusal of the given kinds (and never for throttling). */
export function isRefusal(error: unknown, ...reasons: IdentityProviderError['reason'][]): boolean {
  return error instanceof IdentityProviderError && reasons.includes(error.reason);
}
