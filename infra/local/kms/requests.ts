import { z } from 'zod';
import { KmsError } from './errors';

/*
 * Request shapes of the supported operations, with KMS's own bounds. Fields KMS accepts but this
 * endpoint does not model (GrantTokens, Tags, Policy, DryRun...) are dropped, not rejected.
 */

function blob(max: number) {
  return z
    .base64()
    .transform((text) => Buffer.from(text, 'base64'))
    .refine((bytes) => bytes.length >= 1 && bytes.length <= max, {
      message: `Member must have minimum length of 1 and maximum length of ${max}`,
    });
}

const keyId = z.string().min(1).max(2048);
const encryptionContext = z.record(z.string(), z.string()).optional();

/** Every EncryptionAlgorithmSpec KMS knows; only SYMMETRIC_DEFAULT fits our keys. */
const encryptionAlgorithm = z
  .enum(['SYMMETRIC_DEFAULT', 'RSAES_OAEP_SHA_1', 'RSAES_OAEP_SHA_256', 'SM2PKE'])
  .optional();

/** Every SigningAlgorithmSpec KMS knows; only ECDSA_SHA_256 fits our keys. */
const signingAlgorithm = z.enum([
  'RSASSA_PSS_SHA_256',
  'RSASSA_PSS_SHA_384',
  'RSASSA_PSS_SHA_512',
  'RSASSA_PKCS1_V1_5_SHA_256',
  'RSASSA_PKCS1_V1_5_SHA_384',
  'RSASSA_PKCS1_V1_5_SHA_512',
  'ECDSA_SHA_256',
  'ECDSA_SHA_384',
  'ECDSA_SHA_512',
  'SM2DSA',
  'ML_DSA_SHAKE_256',
  'ED25519_SHA_512',
  'ED25519_PH_SHA_512',
]);

export const createKeyRequest = z.object({
  KeySpec: z.string().min(1).optional(),
  CustomerMasterKeySpec: z.string().min(1).optional(),
  KeyUsage: z
    .enum(['ENCRYPT_DECRYPT', 'SIGN_VERIFY', 'GENERATE_VERIFY_MAC', 'KEY_AGREEMENT'])
    .optional(),
  Description: z.string().max(8192).optional(),
});

export const keyIdRequest = z.object({ KeyId: keyId });

export const createAliasRequest = z.object({
  AliasName: z
    .string()
    .min(1)
    .max(256)
    .regex(/^[a-zA-Z0-9:/_-]+$/),
  TargetKeyId: keyId,
});

export const listAliasesRequest = z.object({
  KeyId: keyId.optional(),
  Limit: z.int().min(1).max(100).optional(),
  Marker: z.string().min(1).max(1024).optional(),
});

export const generateDataKeyRequest = z.object({
  KeyId: keyId,
  KeySpec: z.enum(['AES_256', 'AES_128']).optional(),
  NumberOfBytes: z.int().min(1).max(1024).optional(),
  EncryptionContext: encryptionContext,
});

export const encryptRequest = z.object({
  KeyId: keyId,
  Plaintext: blob(4096),
  EncryptionContext: encryptionContext,
  EncryptionAlgorithm: encryptionAlgorithm,
});

export const decryptRequest = z.object({
  CiphertextBlob: blob(6144),
  KeyId: keyId.optional(),
  EncryptionContext: encryptionContext,
  EncryptionAlgorithm: encryptionAlgorithm,
});

export const signRequest = z.object({
  KeyId: keyId,
  Message: blob(4096),
  MessageType: z.enum(['RAW', 'DIGEST', 'EXTERNAL_MU']).default('RAW'),
  SigningAlgorithm: signingAlgorithm,
});

export const verifyRequest = signRequest.extend({ Signature: blob(6144) });

function describeIssue(issue: z.core.$ZodIssue): string {
  const path = issue.path.join('.') || '(body)';
  const missing = issue.code === 'invalid_type' && issue.message.endsWith('received undefined');
  const constraint = missing ? 'Member must not be null' : issue.message;
  return `Value at '${path}' failed to satisfy constraint: ${constraint}`;
}

/**
 * Parses a request body against its shape; a mismatch is a `ValidationException` worded like
 * KMS's ("1 validation error detected: Value at 'KeyId' failed to satisfy constraint: ...").
 */
export function parseRequest<S extends z.ZodType>(schema: S, body: unknown): z.output<S> {
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  const { issues } = parsed.error;
  const count = `${issues.length} validation error${issues.length === 1 ? '' : 's'} detected`;
  throw new KmsError('ValidationException', `${count}: ${issues.map(describeIssue).join('; ')}`);
}
