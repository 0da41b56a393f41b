import { ConflictError, NotFoundError } from '../../shared/domain/errors';

/** The same answer for a key that never existed and one that belongs to someone else. */
export class ExchangeKeyNotFoundError extends NotFoundError {
  constructor() {
    super('Exchange key not found');
  }
}

/** The caller already stores this API key (same keyed fingerprint). */
export class DuplicateExchangeKeyError extends ConflictError {
  constructor() {
    super('This API key is already stored');
  }
}

/** The caller holds the maximum number of keys; one must be deleted first. */
export class ExchangeKeyLimitError extends ConflictError {
  constructor(readonly limit: number) {
    super(`At most ${limit} exchange keys per user`, { details: { limit } });
  }
}

/** The key changed between read and write (a concurrent rotate or delete). */
export class ConcurrentChangeError extends ConflictError {
  constructor() {
    super('The exchange key was changed concurrently; retry');
  }
}

/** Why a stored credential could not be opened; goes to the security log, never to callers. */
export type IntegrityFailureReason =
  | 'kms_rejected_data_key'
  | 'ciphertext_authentication_failed'
  | 'malformed_record'
  | 'unsupported_format_version';

/**
 * A stored credential failed its integrity check: KMS refused the wrapped data key under this
 * context, or AES-GCM refused a tag. Deliberately not a DomainError, so the caller gets the
 * bare `INTERNAL_ERROR` and learns nothing; the vault fails closed.
 */
export class VaultIntegrityError extends Error {
  override readonly name = 'VaultIntegrityError';
  constructor(readonly reason: IntegrityFailureReason) {
    super(`stored credential failed its integrity check (${reason})`);
  }
}
