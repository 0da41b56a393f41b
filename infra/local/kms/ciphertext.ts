import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { invalidCiphertext } from './errors';

/** String-to-string pairs bound to a ciphertext, as in KMS's `EncryptionContext`. */
export type EncryptionContext = Readonly<Record<string, string>>;

/*
 * Ciphertext blob, version 1 (our own layout; real KMS blobs are opaque too):
 *
 *   offset  length  field
 *   0       2       marker 0x4C 0x4B ("LK": local KMS)
 *   2       1       version 0x01
 *   3       16      key id: the key's UUID as 16 raw bytes
 *   19      12      IV, random per encryption (AES-GCM nonce)
 *   31      16      GCM authentication tag
 *   47      n       AES-256-GCM ciphertext of the plaintext
 *
 * The AAD is the 19-byte header followed by the canonical encryption context, so changing the
 * key id, the context or any byte of IV, tag or ciphertext makes the tag check fail.
 */
const MARKER = Buffer.from([0x4c, 0x4b]);
const VERSION = 0x01;
const IV_LENGTH = 12;
const TAG_LENGTH = 16;
const KEY_ID_OFFSET = 3;
const IV_OFFSET = KEY_ID_OFFSET + 16;
const TAG_OFFSET = IV_OFFSET + IV_LENGTH;
const BODY_OFFSET = TAG_OFFSET + TAG_LENGTH;

/**
 * Serialises a context independently of the caller's key order: a JSON array of `[key, value]`
 * pairs sorted by key. JSON escaping keeps it unambiguous whatever characters the pairs contain.
 */
export function canonicalContext(context: EncryptionContext | undefined): Buffer {
  const pairs = Object.entries(context ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return Buffer.from(JSON.stringify(pairs), 'utf8');
}

function uuidToBytes(uuid: string): Buffer {
  return Buffer.from(uuid.replaceAll('-', ''), 'hex');
}

function bytesToUuid(bytes: Buffer): string {
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function header(keyId: string): Buffer {
  return Buffer.concat([MARKER, Buffer.from([VERSION]), uuidToBytes(keyId)]);
}

function aad(blobHeader: Buffer, context: EncryptionContext | undefined): Buffer {
  return Buffer.concat([blobHeader, canonicalContext(context)]);
}

/** Encrypts under a key's 256-bit secret and returns the self-describing blob laid out above. */
export function sealBlob(
  keyId: string,
  secret: Buffer,
  plaintext: Buffer,
  context: EncryptionContext | undefined,
): Buffer {
  const blobHeader = header(keyId);
  const iv = randomBytes(IV_LENGTH);
  const cipher = createCipheriv('aes-256-gcm', secret, iv, { authTagLength: TAG_LENGTH });
  cipher.setAAD(aad(blobHeader, context));
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([blobHeader, iv, cipher.getAuthTag(), body]);
}

/**
 * The UUID of the key a blob names, so Decrypt can work without a KeyId. Only the framing is
 * checked here; authenticity is checked by `openBlob`.
 */
export function blobKeyId(blob: Buffer): string {
  const framed =
    blob.length >= BODY_OFFSET && blob.subarray(0, 2).equals(MARKER) && blob[2] === VERSION;
  if (!framed) throw invalidCiphertext();
  return bytesToUuid(blob.subarray(KEY_ID_OFFSET, IV_OFFSET));
}

/** Decrypts and authenticates a blob; any mismatch is an `InvalidCiphertextException`. */
export function openBlob(
  blob: Buffer,
  secret: Buffer,
  context: EncryptionContext | undefined,
): Buffer {
  blobKeyId(blob);
  const iv = blob.subarray(IV_OFFSET, TAG_OFFSET);
  const decipher = createDecipheriv('aes-256-gcm', secret, iv, { authTagLength: TAG_LENGTH });
  decipher.setAAD(aad(blob.subarray(0, IV_OFFSET), context));
  decipher.setAuthTag(blob.subarray(TAG_OFFSET, BODY_OFFSET));
  try {
    return Buffer.concat([decipher.update(blob.subarray(BODY_OFFSET)), decipher.final()]);
  } catch {
    throw invalidCiphertext();
  }
}
