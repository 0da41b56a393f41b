import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import type { Exchange } from '../../shared/contracts/vault';
import { VaultIntegrityError } from './errors';
import type { DataKeyService, EncryptionContext, SealedCredential, SealedField } from './ports';

/** The `purpose` of every vault context; IAM binds `kms:Decrypt` to it. */
export const VAULT_PURPOSE = 'exchange-api-key';
/** Layout of {@link SealedCredential}: one data key, AES-256-GCM per field, AAD below. */
export const FORMAT_VERSION = 1;

const IV_BYTES = 12;
const TAG_BYTES = 16;
const DATA_KEY_BYTES = 32;

type Field = 'api_key' | 'api_secret';

export function encryptionContext(
  userId: string,
  keyId: string,
  exchange: Exchange | '*',
): EncryptionContext {
  return { user_id: userId, key_id: keyId, exchange, purpose: VAULT_PURPOSE };
}

/**
 * A context as bytes independent of key order: a JSON array of `[key, value]` pairs sorted by
 * key (the layout the local KMS uses too). JSON escaping keeps it unambiguous.
 */
export function canonicalContext(context: Readonly<Record<string, string>>): Buffer {
  const pairs = Object.entries(context).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return Buffer.from(JSON.stringify(pairs), 'utf8');
}

/**
 * The AAD of one field: the canonical context plus the field's name, so the key's and the
 * secret's ciphertexts cannot be swapped inside a record either.
 */
const aadOf = (context: EncryptionContext, field: Field): Buffer =>
  canonicalContext({ ...context, field });

function sealField(
  dataKey: Buffer,
  context: EncryptionContext,
  field: Field,
  value: string,
): SealedField {
  const plaintext = Buffer.from(value, 'utf8');
  try {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', dataKey, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(aadOf(context, field));
    const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
    return { iv, tag: cipher.getAuthTag(), ciphertext };
  } finally {
    plaintext.fill(0);
  }
}

function openField(
  dataKey: Buffer,
  context: EncryptionContext,
  field: Field,
  sealed: SealedField,
): Buffer {
  if (sealed.iv.length !== IV_BYTES || sealed.tag.length !== TAG_BYTES) {
    throw new VaultIntegrityError('malformed_record');
  }
  try {
    const decipher = createDecipheriv('aes-256-gcm', dataKey, sealed.iv, {
      authTagLength: TAG_BYTES,
    });
    decipher.setAAD(aadOf(context, field));
    decipher.setAuthTag(sealed.tag);
    return Buffer.concat([decipher.update(sealed.ciphertext), decipher.final()]);
  } catch {
    throw new VaultIntegrityError('ciphertext_authentication_failed');
  }
}

/**
 * Envelope-encrypts a credential: a fresh data key from KMS under `context`, AES-256-GCM of the
 * key and the secret with random IVs, and the plaintext data key zeroed before returning.
 */
export async function sealCredential(
  dataKeys: DataKeyService,
  context: EncryptionContext,
  apiKey: string,
  apiSecret: string,
): Promise<SealedCredential> {
  const dataKey = await dataKeys.generate(context);
  try {
    if (dataKey.plaintext.length !== DATA_KEY_BYTES) {
      throw new Error('KMS returned a data key of the wrong length');
    }
    return {
      formatVersion: FORMAT_VERSION,
      kmsKeyId: dataKey.kmsKeyId,
      encryptedDataKey: dataKey.encrypted,
      apiKey: sealField(dataKey.plaintext, context, 'api_key', apiKey),
      apiSecret: sealField(dataKey.plaintext, context, 'api_secret', apiSecret),
    };
  } finally {
    dataKey.plaintext.fill(0);
  }
}

/**
 * Lowercase hex HMAC-SHA256 of `payload` under the stored secret. The data key and the secret
 * exist in plaintext only inside this call and are zeroed before it returns, whatever happens.
 * Throws VaultIntegrityError (fail closed) when KMS or AES-GCM refuses.
 */
export async function signWithSecret(
  dataKeys: DataKeyService,
  context: EncryptionContext,
  sealed: SealedCredential,
  payload: string,
): Promise<string> {
  if (sealed.formatVersion !== FORMAT_VERSION) {
    throw new VaultIntegrityError('unsupported_format_version');
  }
  const dataKey = await dataKeys.decrypt(sealed.encryptedDataKey, context);
  let secret: Buffer | undefined;
  try {
    if (dataKey.length !== DATA_KEY_BYTES) throw new VaultIntegrityError('malformed_record');
    secret = openField(dataKey, context, 'api_secret', sealed.apiSecret);
    return createHmac('sha256', secret).update(payload, 'utf8').digest('hex');
  } finally {
    dataKey.fill(0);
    secret?.fill(0);
  }
}

/** `abcd...wxyz`: enough for the owner to recognise a key, useless to anyone else. */
export function apiKeyHint(apiKey: string): string {
  return `${apiKey.slice(0, 4)}...${apiKey.slice(-4)}`;
}
