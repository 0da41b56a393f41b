import { z } from 'zod';

/** The `purpose` of every API-key secret's KMS encryption context; IAM grants are bound to it. */
export const API_KEY_KMS_PURPOSE = 'platform-api-key';

/** Scopes a platform API key can hold. Withdrawals are deliberately not among them. */
export const apiKeyScopes = ['read', 'trade'] as const;
export type ApiKeyScope = (typeof apiKeyScopes)[number];

/** At most this many live keys per user. */
export const MAX_API_KEYS_PER_USER = 10;

/** Public key ids look like `ak_` and 32 base64url characters (24 random bytes). */
export const API_KEY_PATTERN = /^ak_[A-Za-z0-9_-]{32}$/;

/**
 * The encryption context a key's secret is sealed under: KMS refuses to open a ciphertext
 * copied onto another key or user, and IAM allows Decrypt only for this purpose.
 */
export const secretContext = (userId: string, keyId: string): Record<string, string> => ({
  purpose: API_KEY_KMS_PURPOSE,
  user_id: userId,
  key_id: keyId,
});

/** Users table: the owner's copy (listing) under the user, the lookup by public key id. */
export const apiKeyOwnerKey = (userId: string, keyId: string) => ({
  pk: `USER#${userId}`,
  sk: `APIKEY#${keyId}`,
});
export const API_KEY_OWNER_PREFIX = 'APIKEY#';
export const apiKeyLookupKey = (apiKey: string) => ({ pk: `APIKEY#${apiKey}`, sk: 'APIKEY' });
export const apiKeyCountKey = (userId: string) => ({ pk: `USER#${userId}`, sk: 'APIKEYCOUNT' });

/** RateLimits table: when and from where a key was last used (written by the authorizer). */
export const apiKeyUsageKey = (keyId: string) => ({ pk: `APIKEY_USED#${keyId}` });
/** RateLimits table: a signature already accepted for a key (the replay cache). */
export const apiKeySignatureKey = (keyId: string, signature: string) => ({
  pk: `APIKEY_SIG#${keyId}#${signature}`,
});

/** What the authorizer reads to check a signed request: the lookup item. */
export const apiKeyLookupItemSchema = z.object({
  user_id: z.string().min(1),
  key_id: z.string().min(1),
  scopes: z.array(z.enum(apiKeyScopes)),
  ip_allowlist: z.array(z.string()),
  key_expires_at: z.string(),
  kms_key_id: z.string(),
  encrypted_secret: z.instanceof(Uint8Array),
});
export type ApiKeyLookupItem = z.infer<typeof apiKeyLookupItemSchema>;
