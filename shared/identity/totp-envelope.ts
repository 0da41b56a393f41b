import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * Envelope encryption of TOTP secrets under the MFA key: a data key per secret from KMS
 * (`GenerateDataKey`) under the encryption context below, AES-256-GCM of the secret with the
 * canonical context as AAD. IAM binds every grant on the MFA key to the context's `purpose`, and
 * `user_id` ties a ciphertext to its owner: a record copied to another user does not open.
 */

/** The `purpose` of every TOTP encryption context; IAM conditions name it. */
export const TOTP_KMS_PURPOSE = 'totp';
/** Layout of {@link SealedTotpSecret}. */
export const TOTP_FORMAT_VERSION = 1;

const IV_BYTES = 12;
const TAG_BYTES = 16;
const DATA_KEY_BYTES = 32;

/** KMS encryption context of one user's TOTP secret. */
export type TotpEncryptionContext = Readonly<{ purpose: string; user_id: string }>;

export const totpEncryptionContext = (userId: string): TotpEncryptionContext => ({
  purpose: TOTP_KMS_PURPOSE,
  user_id: userId,
});

/** A TOTP secret at rest: never logged, never returned. */
export interface SealedTotpSecret {
  readonly formatVersion: number;
  readonly kmsKeyId: string;
  readonly encryptedDataKey: Uint8Array;
  readonly iv: Uint8Array;
  readonly tag: Uint8Array;
  readonly ciphertext: Uint8Array;
}

/** Data keys under the MFA key (the `kms-*` adapter). */
export interface TotpDataKeys {
  generate(
    context: TotpEncryptionContext,
  ): Promise<{ plaintext: Buffer; encrypted: Uint8Array; kmsKeyId: string }>;
  /** Fails when KMS refuses the blob or its context. */
  decrypt(encrypted: Uint8Array, context: TotpEncryptionContext): Promise<Buffer>;
}

/** A sealed secret that does not open: tampered, moved to another user, or of another key. */
export class TotpSecretIntegrityError extends Error {
  constructor(reason: string, options?: { cause?: unknown }) {
    super(`TOTP secret does not open: ${reason}`, options);
    this.name = 'TotpSecretIntegrityError';
  }
}

/** Sorted `[key, value]` pairs as JSON: the same bytes whatever the key order. */
const aadOf = (context: TotpEncryptionContext): Buffer =>
  Buffer.from(
    JSON.stringify(Object.entries(context).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))),
    'utf8',
  );

/** Seals the raw secret (the HMAC key, not its base32 text); the data key is zeroed after. */
export async function sealTotpSecret(
  dataKeys: TotpDataKeys,
  userId: string,
  secret: Uint8Array,
): Promise<SealedTotpSecret> {
  const context = totpEncryptionContext(userId);
  const dataKey = await dataKeys.generate(context);
  try {
    if (dataKey.plaintext.length !== DATA_KEY_BYTES) {
      throw new Error('KMS returned a data key of the wrong length');
    }
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', dataKey.plaintext, iv, {
      authTagLength: TAG_BYTES,
    });
    cipher.setAAD(aadOf(context));
    const ciphertext = Buffer.concat([cipher.update(secret), cipher.final()]);
    return {
      formatVersion: TOTP_FORMAT_VERSION,
      kmsKeyId: dataKey.kmsKeyId,
      encryptedDataKey: dataKey.encrypted,
      iv,
      tag: cipher.getAuthTag(),
      ciphertext,
    };
  } finally {
    dataKey.plaintext.fill(0);
  }
}

/**
 * Opens a sealed secret of `userId`. The caller zeroes the returned key when done. Throws
 * {@link TotpSecretIntegrityError} when the record is malformed or AES-GCM refuses it.
 */
export async function openTotpSecret(
  dataKeys: TotpDataKeys,
  userId: string,
  sealed: SealedTotpSecret,
): Promise<Buffer> {
  if (sealed.formatVersion !== TOTP_FORMAT_VERSION) {
    throw new TotpSecretIntegrityError('unsupported_format_version');
  }
  if (sealed.iv.length !== IV_BYTES || sealed.tag.length !== TAG_BYTES) {
    throw new TotpSecretIntegrityError('malformed_record');
  }
  const context = totpEncryptionContext(userId);
  const dataKey = await dataKeys.decrypt(sealed.encryptedDataKey, context);
  try {
    const decipher = createDecipheriv('aes-256-gcm', dataKey, sealed.iv, {
      authTagLength: TAG_BYTES,
    });
    decipher.setAAD(aadOf(context));
    decipher.setAuthTag(sealed.tag);
    return Buffer.concat([decipher.update(sealed.ciphertext), decipher.final()]);
  } catch (error) {
    throw new TotpSecretIntegrityError('ciphertext_authentication_failed', { cause: error });
  } finally {
    dataKey.fill(0);
  }
}
