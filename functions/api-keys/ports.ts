import type { ApiKeyScope } from '../../shared/api-keys/api-key-items';
import type { AuditLog } from '../../shared/audit/audit-log';
import type { StepUpVerifier } from '../../shared/identity/step-up';

/** A platform API key's metadata: everything but its secret. */
export interface ApiKeyRecord {
  readonly id: string;
  readonly userId: string;
  /** The public key id the client sends as `X-API-Key`. */
  readonly apiKey: string;
  readonly label: string;
  readonly scopes: readonly ApiKeyScope[];
  readonly ipAllowlist: readonly string[];
  readonly createdAt: string;
  readonly expiresAt: string;
}

/** The secret as KMS sealed it: only the authorizer may open it (`kms:Decrypt`). */
export interface SealedSecret {
  readonly kmsKeyId: string;
  readonly encryptedSecret: Uint8Array;
}

/** Where keys live (the Users table): the owner's copy and the authorizer's lookup, together. */
export interface ApiKeyStore {
  /** Stores both items and counts the key; ConflictError when the user holds the maximum. */
  create(record: ApiKeyRecord, sealed: SealedSecret, maxPerUser: number): Promise<void>;
  list(userId: string): Promise<ApiKeyRecord[]>;
  /** Removes both items; undefined when the user has no such key. */
  delete(userId: string, keyId: string): Promise<ApiKeyRecord | undefined>;
}

/** When and from where each key was last used (the authorizer records it). */
export interface ApiKeyUsageReader {
  lastUsed(keyIds: readonly string[]): Promise<ReadonlyMap<string, { at: string; ip: string }>>;
}

/**
 * Issues a new secret: 32 random bytes from KMS (`GenerateDataKey`) under the API-key key and
 * the key's encryption context. The plaintext goes to the caller once; the sealed copy is kept.
 */
export interface SecretIssuer {
  issue(userId: string, keyId: string): Promise<{ secret: string; sealed: SealedSecret }>;
}

/** Whether the account has two-factor authentication on (its profile). */
export interface MfaStatusReader {
  mfaEnabled(userId: string): Promise<boolean>;
}

export interface ApiKeyPorts {
  readonly store: ApiKeyStore;
  readonly usage: ApiKeyUsageReader;
  readonly secrets: SecretIssuer;
  readonly mfa: MfaStatusReader;
  readonly stepUp: StepUpVerifier;
  readonly audit: AuditLog;
  readonly clock: { now(): Date };
  readonly newId: () => string;
  readonly newApiKey: () => string;
}
