import { createHash } from 'node:crypto';
import { RateLimitExceededError } from '../../shared/domain/errors';
import { encryptionContext, signWithSecret } from './envelope';
import { ExchangeKeyNotFoundError, VaultIntegrityError } from './errors';
import type { Caller, RateDecision, VaultPorts } from './ports';
import { getExchangeKey } from './read-exchange-keys';
import { auditEntry } from './view';

/** Signatures per key and window: the exchanges' own request-weight budgets are of this order. */
export const SIGN_LIMIT = 1200;
export const SIGN_WINDOW_SECONDS = 60;
/**
 * Requests per user and window for key ids the caller does not hold: the route has no shared
 * per-user limit (its budget is per key), so probing random ids is bounded here instead.
 */
export const SIGN_MISS_LIMIT = 60;

export type SignPayloadDeps = Pick<
  VaultPorts,
  'repository' | 'dataKeys' | 'rateLimiter' | 'audit' | 'security' | 'clock'
>;

export interface SignOutcome {
  readonly signature: string;
  readonly rate: RateDecision;
}

/**
 * Rethrows `error`; an integrity failure is first reported as a security event and an audit
 * `failure` (reason only: no ciphertext, no detail an attacker could tune against).
 */
async function failClosed(
  deps: Pick<SignPayloadDeps, 'audit' | 'security'>,
  caller: Caller,
  id: string,
  error: unknown,
): Promise<never> {
  if (error instanceof VaultIntegrityError) {
    deps.security.event('exchange_key.integrity_failure', {
      user_id: caller.userId,
      key_id: id,
      reason: error.reason,
      request_id: caller.requestId,
    });
    await deps.audit.record(
      auditEntry(caller, 'exchange_key.signed', id, 'failure', {
        reason: 'integrity_check_failed',
      }),
    );
  }
  throw error;
}

/**
 * Signs an exchange request for the caller with the stored secret, which never leaves this
 * call. Order matters: ownership first (a stranger cannot spend a victim's budget; a caller's
 * misses have a budget of their own), then the rate limit (before any KMS call), then
 * decryption. An integrity failure fails closed: the
 * caller gets a bare INTERNAL_ERROR, operators a security event and an audit `failure`.
 */
export async function signPayload(
  deps: SignPayloadDeps,
  caller: Caller,
  id: string,
  payload: string,
): Promise<SignOutcome> {
  const now = deps.clock.now();
  const record = await getExchangeKey(deps, caller.userId, id).catch(async (error: unknown) => {
    if (error instanceof ExchangeKeyNotFoundError) {
      const misses = await deps.rateLimiter.consume(
        `exchange-key-sign-miss#${caller.userId}`,
        SIGN_MISS_LIMIT,
        SIGN_WINDOW_SECONDS,
        now,
      );
      if (!misses.allowed) {
        throw new RateLimitExceededError(
          `At most ${SIGN_MISS_LIMIT} requests per minute for keys you do not hold`,
          misses.resetSeconds,
        );
      }
    }
    return failClosed(deps, caller, id, error);
  });
  const rate = await deps.rateLimiter.consume(
    `exchange-key-sign#${id}`,
    SIGN_LIMIT,
    SIGN_WINDOW_SECONDS,
    now,
  );
  if (!rate.allowed) {
    throw new RateLimitExceededError(
      `At most ${SIGN_LIMIT} signatures per minute per key`,
      rate.resetSeconds,
    );
  }
  const context = encryptionContext(caller.userId, id, record.exchange);
  const payloadDigest = createHash('sha256').update(payload, 'utf8').digest('hex');
  const signature = await signWithSecret(deps.dataKeys, context, record.sealed, payload).catch(
    (error: unknown) => failClosed(deps, caller, id, error),
  );
  await deps.repository.markUsed(caller.userId, id, now.toISOString());
  await deps.audit.record(
    auditEntry(caller, 'exchange_key.signed', id, 'success', {
      exchange: record.exchange,
      payload_sha256: payloadDigest,
      payload_bytes: Buffer.byteLength(payload, 'utf8'),
    }),
  );
  return { signature, rate };
}
