import { createHash } from 'node:crypto';
import { AuthenticationError, PermissionDeniedError, type DomainError } from '../domain/errors';
import type { AnonymousReason } from './identity';

/**
 * What each reason for a missing identity answers. Signed API-key requests get a distinct
 * `details.reason` per failure, so a bot can tell a skewed clock (with the server's time) from
 * a wrong signature; requests from outside a key's allowlist, or beyond its scopes, are 403.
 */
const REFUSALS: Readonly<Record<AnonymousReason, { message: string; code?: string; deny?: true }>> =
  {
    missing_token: { message: 'Authentication is required' },
    invalid_token: { message: 'The access token is invalid or expired' },
    revoked: { message: 'The session has been revoked' },
    inactive_user: { message: 'The account is not active' },
    invalid_api_key: {
      message: 'The API key is unknown, revoked or expired',
      code: 'INVALID_API_KEY',
    },
    timestamp_out_of_window: {
      message: 'X-API-Timestamp is outside the receive window; sync with GET /api/time',
      code: 'TIMESTAMP_OUT_OF_WINDOW',
    },
    invalid_signature: {
      message: 'The request signature is invalid',
      code: 'INVALID_SIGNATURE',
    },
    replayed_request: {
      message: 'This signed request was already used',
      code: 'REPLAYED_REQUEST',
    },
    ip_not_allowed: {
      message: 'This API key may not be used from this address',
      code: 'IP_NOT_ALLOWED',
      deny: true,
    },
    scope_denied: {
      message: 'This API key may not call this route',
      code: 'SCOPE_DENIED',
      deny: true,
    },
  };

/** The typed error a request without identity answers. */
export function refusalOf(
  reason: AnonymousReason,
  context: Readonly<Record<string, unknown>> | undefined,
): DomainError {
  const refusal = REFUSALS[reason];
  if (refusal.code === undefined) return new AuthenticationError(refusal.message);
  const serverTime = Number(context?.['server_time']);
  const details = {
    reason: refusal.code,
    ...(reason === 'timestamp_out_of_window' && Number.isFinite(serverTime)
      ? { server_time: serverTime }
      : {}),
  };
  return refusal.deny
    ? new PermissionDeniedError(refusal.message, { details })
    : new AuthenticationError(refusal.message, { details });
}

/**
 * The second half of a signed request's check: the authorizer verified the signature over the
 * body hash the client declared (`X-API-Content-SHA256`, or the empty body's hash), since it
 * cannot see the body; here, where the body is, it must hash to exactly that. The authorizer's
 * API-key path always labels `api_key_id` and `body_sha256` together; a context naming a key
 * without a body hash fails closed.
 */
export function checkSignedBody(
  context: Readonly<Record<string, unknown>> | undefined,
  body: Buffer,
): void {
  if (context?.['api_key_id'] === undefined) return;
  const signed = context['body_sha256'];
  const actual = createHash('sha256').update(body).digest('hex');
  if (typeof signed !== 'string' || signed !== actual) {
    throw new AuthenticationError('The body does not match X-API-Content-SHA256', {
      details: { reason: 'BODY_HASH_MISMATCH' },
    });
  }
}
