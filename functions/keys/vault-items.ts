import { z } from 'zod';
import { exchangeKeyPermissions, exchanges } from '../../shared/contracts/vault';
import { VaultIntegrityError } from './errors';
import type { ExchangeKeyRecord, SealedField } from './ports';

/**
 * Layout of the Vault table (pk, sk):
 *
 *   USER#<user id>  KEY#<key id>       one credential: metadata, ciphertexts, wrapped data key
 *   USER#<user id>  FP#<fingerprint>   claim of a fingerprint by one key (duplicate guard)
 *   USER#<user id>  KEYCOUNT           number of keys (limit guard)
 *   VAULT           PEPPER#1           the wrapped fingerprint pepper
 *
 * Binary values (IVs, tags, ciphertexts, wrapped keys) are DynamoDB binary attributes.
 */
export const KEY_PREFIX = 'KEY#';

export const userPk = (userId: string): string => `USER#${userId}`;

export const credentialKey = (userId: string, id: string) => ({
  pk: userPk(userId),
  sk: `${KEY_PREFIX}${id}`,
});

export const claimKey = (userId: string, fingerprint: string) => ({
  pk: userPk(userId),
  sk: `FP#${fingerprint}`,
});

export const counterKey = (userId: string) => ({ pk: userPk(userId), sk: 'KEYCOUNT' });

export const pepperKey = { pk: 'VAULT', sk: 'PEPPER#1' } as const;

const bytes = z.custom<Uint8Array>((value) => value instanceof Uint8Array);
const timestamp = z.string().min(1);

const credentialItemSchema = z.object({
  pk: z.string(),
  sk: z.string(),
  id: z.string(),
  user_id: z.string(),
  exchange: z.enum(exchanges),
  label: z.string(),
  testnet: z.boolean(),
  permissions: z.array(z.enum(exchangeKeyPermissions)),
  api_key_hint: z.string(),
  fingerprint: z.string(),
  created_at: timestamp,
  updated_at: timestamp,
  last_used_at: timestamp.optional(),
  rotation_count: z.number().int().nonnegative(),
  rotated_at: timestamp.optional(),
  revision: z.number().int().positive(),
  format_version: z.number().int(),
  kms_key_id: z.string(),
  encrypted_data_key: bytes,
  api_key_iv: bytes,
  api_key_tag: bytes,
  api_key_ct: bytes,
  api_secret_iv: bytes,
  api_secret_tag: bytes,
  api_secret_ct: bytes,
});
export type CredentialItem = z.infer<typeof credentialItemSchema>;

const field = (iv: Uint8Array, tag: Uint8Array, ciphertext: Uint8Array): SealedField => ({
  iv,
  tag,
  ciphertext,
});

/** The stored item of a record; absent optional timestamps are absent attributes. */
export function toItem(record: ExchangeKeyRecord): CredentialItem {
  const { sealed } = record;
  return {
    ...credentialKey(record.userId, record.id),
    id: record.id,
    user_id: record.userId,
    exchange: record.exchange,
    label: record.label,
    testnet: record.testnet,
    permissions: [...record.permissions],
    api_key_hint: record.apiKeyHint,
    fingerprint: record.fingerprint,
    created_at: record.createdAt,
    updated_at: record.updatedAt,
    ...(record.lastUsedAt === null ? {} : { last_used_at: record.lastUsedAt }),
    rotation_count: record.rotationCount,
    ...(record.rotatedAt === null ? {} : { rotated_at: record.rotatedAt }),
    revision: record.revision,
    format_version: sealed.formatVersion,
    kms_key_id: sealed.kmsKeyId,
    encrypted_data_key: sealed.encryptedDataKey,
    api_key_iv: sealed.apiKey.iv,
    api_key_tag: sealed.apiKey.tag,
    api_key_ct: sealed.apiKey.ciphertext,
    api_secret_iv: sealed.apiSecret.iv,
    api_secret_tag: sealed.apiSecret.tag,
    api_secret_ct: sealed.apiSecret.ciphertext,
  };
}

/**
 * `SET` of every attribute a replace may change: all but the key, the identity of the
 * credential (id, owner, exchange, creation) and `last_used_at`, which sign keeps itself.
 */
export function mutableAttributesOf(record: ExchangeKeyRecord) {
  const {
    pk: _pk,
    sk: _sk,
    id: _id,
    user_id: _user,
    exchange: _exchange,
    created_at: _created,
    last_used_at: _used,
    ...changes
  } = toItem(record);
  const entries = Object.entries(changes);
  return {
    UpdateExpression: `SET ${entries.map((_, i) => `#a${i} = :v${i}`).join(', ')}`,
    ExpressionAttributeNames: Object.fromEntries(entries.map(([name], i) => [`#a${i}`, name])),
    ExpressionAttributeValues: Object.fromEntries(
      entries.map(([, value], i) => [`:v${i}`, value]),
    ) as Record<string, unknown>,
  };
}

/**
 * A record from its stored item. A malformed item is an integrity failure (fail closed);
 * the item's own user id and key id are not trusted over its key, they only must agree.
 */
export function fromItem(raw: Record<string, unknown>): ExchangeKeyRecord {
  const parsed = credentialItemSchema.safeParse(raw);
  if (!parsed.success) throw new VaultIntegrityError('malformed_record');
  const item = parsed.data;
  const key = credentialKey(item.user_id, item.id);
  if (key.pk !== item.pk || key.sk !== item.sk) throw new VaultIntegrityError('malformed_record');
  return {
    id: item.id,
    userId: item.user_id,
    exchange: item.exchange,
    label: item.label,
    testnet: item.testnet,
    permissions: item.permissions,
    apiKeyHint: item.api_key_hint,
    fingerprint: item.fingerprint,
    createdAt: item.created_at,
    updatedAt: item.updated_at,
    lastUsedAt: item.last_used_at ?? null,
    rotationCount: item.rotation_count,
    rotatedAt: item.rotated_at ?? null,
    revision: item.revision,
    sealed: {
      formatVersion: item.format_version,
      kmsKeyId: item.kms_key_id,
      encryptedDataKey: item.encrypted_data_key,
      apiKey: field(item.api_key_iv, item.api_key_tag, item.api_key_ct),
      apiSecret: field(item.api_secret_iv, item.api_secret_tag, item.api_secret_ct),
    },
  };
}
