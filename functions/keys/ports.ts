import type { AuditLog } from '../../shared/audit/audit-log';
import type { Exchange, ExchangeKeyPermission } from '../../shared/contracts/vault';

/**
 * The KMS encryption context of one credential. KMS binds it to the encrypted data key and the
 * vault binds it (canonicalised) to each AES-GCM ciphertext as AAD, so a ciphertext moved to
 * another user, key id or exchange no longer decrypts.
 */
export interface EncryptionContext {
  readonly user_id: string;
  readonly key_id: string;
  readonly exchange: string;
  readonly purpose: string;
}

/** One AES-256-GCM ciphertext with its 96-bit IV and 128-bit tag. */
export interface SealedField {
  readonly iv: Uint8Array;
  readonly tag: Uint8Array;
  readonly ciphertext: Uint8Array;
}

/** What is stored of the credentials themselves: only ciphertext and the wrapped data key. */
export interface SealedCredential {
  readonly formatVersion: number;
  /** The KMS key (ARN) that wrapped the data key. */
  readonly kmsKeyId: string;
  /** The data key as KMS encrypted it (`CiphertextBlob`), under the encryption context. */
  readonly encryptedDataKey: Uint8Array;
  readonly apiKey: SealedField;
  readonly apiSecret: SealedField;
}

/** A stored exchange key: metadata in clear, credentials sealed. */
export interface ExchangeKeyRecord {
  readonly id: string;
  readonly userId: string;
  readonly exchange: Exchange;
  readonly label: string;
  readonly testnet: boolean;
  readonly permissions: readonly ExchangeKeyPermission[];
  readonly apiKeyHint: string;
  /** Keyed HMAC of the API key (see `fingerprint.ts`): equal keys of one user collide. */
  readonly fingerprint: string;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly lastUsedAt: string | null;
  readonly rotationCount: number;
  readonly rotatedAt: string | null;
  /** Optimistic-concurrency token: the store refuses a replace based on an older one. */
  readonly revision: number;
  readonly sealed: SealedCredential;
}

/** A page of a user's keys and the opaque cursor of the next one. */
export interface ExchangeKeyPage {
  readonly items: readonly ExchangeKeyRecord[];
  readonly nextCursor: string | null;
}

/**
 * The vault's storage. Every read and write is keyed by the owner's id, so another user's key
 * is simply absent. Uniqueness of the fingerprint and the per-user limit hold atomically.
 */
export interface ExchangeKeyRepository {
  /** DuplicateExchangeKeyError / ExchangeKeyLimitError when refused. */
  create(record: ExchangeKeyRecord, maxPerUser: number): Promise<void>;
  get(userId: string, id: string): Promise<ExchangeKeyRecord | undefined>;
  /** Throws ValidationError on a cursor this store did not issue. */
  list(userId: string, limit: number, cursor: string | undefined): Promise<ExchangeKeyPage>;
  /**
   * Replaces `previous` by `next` (same user and id) provided it is unchanged since read;
   * moves the fingerprint claim when it changed. DuplicateExchangeKeyError when the new
   * fingerprint is taken, ConcurrentChangeError when `previous` is stale or gone.
   */
  replace(previous: ExchangeKeyRecord, next: ExchangeKeyRecord): Promise<void>;
  /** Removes the item (ciphertexts and wrapped data key) and its fingerprint claim. */
  delete(record: ExchangeKeyRecord): Promise<void>;
  /** Sets `last_used_at`; a key deleted meanwhile is left alone. */
  markUsed(userId: string, id: string, at: string): Promise<void>;
}

/** A data key from KMS: the plaintext (zero it after use) and its wrapped form. */
export interface DataKey {
  readonly plaintext: Buffer;
  readonly encrypted: Uint8Array;
  readonly kmsKeyId: string;
}

/** KMS, as the vault uses it: data keys under the vault key, bound to a context. */
export interface DataKeyService {
  generate(context: EncryptionContext): Promise<DataKey>;
  /** VaultIntegrityError when KMS refuses the blob or the context. */
  decrypt(encrypted: Uint8Array, context: EncryptionContext): Promise<Buffer>;
}

/** The wrapped fingerprint pepper, stored once for the whole vault. */
export interface WrappedPepper {
  readonly encrypted: Uint8Array;
  readonly kmsKeyId: string;
}

export interface PepperStore {
  load(): Promise<WrappedPepper | undefined>;
  /** False when another writer stored one first. */
  saveIfAbsent(pepper: WrappedPepper, at: string): Promise<boolean>;
}

export interface RateDecision {
  readonly allowed: boolean;
  readonly limit: number;
  readonly remaining: number;
  /** Seconds until the current window ends. */
  readonly resetSeconds: number;
}

/** Fixed-window counters; `consume` takes one unit from `bucket` or refuses. */
export interface RateLimiter {
  consume(bucket: string, limit: number, windowSeconds: number, now: Date): Promise<RateDecision>;
}

/** Security events (integrity failures) for the operators' alarms; never carries a secret. */
export interface SecurityLog {
  event(name: string, attributes: Readonly<Record<string, string>>): void;
}

export interface Clock {
  now(): Date;
}

/** Who is asking and from where, for the audit trail. Ownership is `userId`, from the token. */
export type { Caller } from '../../shared/http/caller';

/** What every vault use case may use; each takes only the ports it needs. */
export interface VaultPorts {
  readonly repository: ExchangeKeyRepository;
  readonly dataKeys: DataKeyService;
  readonly pepper: PepperStore;
  readonly rateLimiter: RateLimiter;
  readonly audit: AuditLog;
  readonly security: SecurityLog;
  readonly clock: Clock;
  readonly newId: () => string;
}
