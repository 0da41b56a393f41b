import { z } from 'zod';
import { isoTimestamp, pageOf, pageQueryFields } from './common';
import { defineRoute } from './route-contract';

/**
 * The exchange-key vault's HTTP contract. Credentials go in once (create or rotate) and never
 * come out: every answer carries `api_key_hint` (first 4 and last 4 characters of the API key)
 * and nothing else of the key or the secret.
 */
export const exchanges = ['binance', 'bybit'] as const;
export type Exchange = (typeof exchanges)[number];

/** What the user says the key may do on the exchange; shown back, not verified with it. */
export const exchangeKeyPermissions = ['read', 'trade'] as const;
export type ExchangeKeyPermission = (typeof exchangeKeyPermissions)[number];

/** At most this many keys per user (a 21st is a CONFLICT). */
export const MAX_EXCHANGE_KEYS_PER_USER = 20;
export const LABEL_MAX_LENGTH = 64;
/** Longest string accepted for signing; exchange query strings and bodies stay far below. */
export const SIGN_PAYLOAD_MAX_LENGTH = 8192;

/**
 * Formats of HMAC credentials per exchange. Binance documents 64 alphanumeric characters for
 * both. Bybit documents no length; its system-generated HMAC keys are 18 alphanumeric
 * characters and their secrets 36. Bybit's self-generated RSA keys are not HMAC keys and are
 * not accepted.
 */
export const credentialFormats: Readonly<
  Record<Exchange, { readonly keyLength: number; readonly secretLength: number }>
> = {
  binance: { keyLength: 64, secretLength: 64 },
  bybit: { keyLength: 18, secretLength: 36 },
};

const alphanumeric = (length: number, what: string) =>
  z
    .string()
    .trim()
    .regex(new RegExp(`^[A-Za-z0-9]{${length}}$`), `Must be ${length} letters or digits (${what})`);

/** Schemas of the API key and secret of one exchange; their messages never echo the value. */
export function credentialSchemas(exchange: Exchange) {
  const { keyLength, secretLength } = credentialFormats[exchange];
  const name = exchange === 'binance' ? 'Binance' : 'Bybit';
  return {
    api_key: alphanumeric(keyLength, `a ${name} API key`),
    api_secret: alphanumeric(secretLength, `a ${name} API secret`),
  };
}

export const labelSchema = z
  .string()
  .trim()
  .min(1)
  .max(LABEL_MAX_LENGTH)
  .regex(/^[^\p{Cc}]+$/u, 'Must not contain control characters');

/** Declared permissions, deduplicated and in canonical order. */
export const permissionsSchema = z
  .array(z.enum(exchangeKeyPermissions))
  .min(1)
  .max(8)
  .transform((values) => exchangeKeyPermissions.filter((p) => values.includes(p)));

const createBodyOf = <E extends Exchange>(exchange: E) =>
  z.strictObject({
    exchange: z.literal(exchange),
    label: labelSchema,
    ...credentialSchemas(exchange),
    testnet: z.boolean().default(false),
    permissions: permissionsSchema.default(['read']),
  });

/** `POST /api/exchange-keys`: the exchange decides which credential format applies. */
export const createExchangeKeyBody = z.discriminatedUnion('exchange', [
  createBodyOf('binance'),
  createBodyOf('bybit'),
]);
export type CreateExchangeKeyBody = z.output<typeof createExchangeKeyBody>;

/**
 * `PUT /api/exchange-keys/{id}`: new credentials (both together, in the stored exchange's
 * format, checked by the use case) and/or a new label, permissions or testnet flag.
 */
export const rotateExchangeKeyBody = z
  .strictObject({
    label: labelSchema.optional(),
    api_key: z.string().trim().min(1).max(128).optional(),
    api_secret: z.string().trim().min(1).max(128).optional(),
    testnet: z.boolean().optional(),
    permissions: permissionsSchema.optional(),
  })
  .superRefine((body, context) => {
    if ((body.api_key === undefined) !== (body.api_secret === undefined)) {
      const missing = body.api_key === undefined ? 'api_key' : 'api_secret';
      context.addIssue({
        code: 'custom',
        path: [missing],
        message: 'api_key and api_secret are rotated together',
      });
    }
    if (Object.values(body).every((value) => value === undefined)) {
      context.addIssue({ code: 'custom', message: 'Nothing to change' });
    }
  });
export type RotateExchangeKeyBody = z.output<typeof rotateExchangeKeyBody>;

export const signPayloadBody = z.strictObject({
  payload: z.string().min(1).max(SIGN_PAYLOAD_MAX_LENGTH),
});

export const exchangeKeyParams = z.strictObject({ id: z.uuid() });

export const listExchangeKeysQuery = z.strictObject(pageQueryFields(MAX_EXCHANGE_KEYS_PER_USER));

/** A stored exchange key as the owner sees it: never the key, never the secret. */
export const exchangeKeySchema = z.object({
  id: z.uuid(),
  exchange: z.enum(exchanges),
  label: z.string(),
  api_key_hint: z.string(),
  testnet: z.boolean(),
  permissions: z.array(z.enum(exchangeKeyPermissions)),
  created_at: isoTimestamp,
  updated_at: isoTimestamp,
  last_used_at: isoTimestamp.nullable(),
  rotation_count: z.number().int().nonnegative(),
  rotated_at: isoTimestamp.nullable(),
});
export type ExchangeKeyView = z.infer<typeof exchangeKeySchema>;

const tags = ['exchange-keys'];

export const createExchangeKeyRoute = defineRoute({
  method: 'POST',
  path: '/api/exchange-keys',
  summary: 'Stores Binance or Bybit API credentials, envelope-encrypted; answers the masked hint',
  tags,
  auth: 'user',
  body: createExchangeKeyBody,
  response: exchangeKeySchema,
  successStatus: 201,
  errors: ['CONFLICT'],
});

export const listExchangeKeysRoute = defineRoute({
  method: 'GET',
  path: '/api/exchange-keys',
  summary: "The caller's stored exchange keys (hints and metadata only)",
  tags,
  auth: 'user',
  query: listExchangeKeysQuery,
  response: pageOf(exchangeKeySchema),
  errors: [],
});

export const getExchangeKeyRoute = defineRoute({
  method: 'GET',
  path: '/api/exchange-keys/{id}',
  summary: 'One stored exchange key (hint and metadata only)',
  tags,
  auth: 'user',
  params: exchangeKeyParams,
  response: exchangeKeySchema,
  errors: ['NOT_FOUND'],
});

export const rotateExchangeKeyRoute = defineRoute({
  method: 'PUT',
  path: '/api/exchange-keys/{id}',
  summary: 'Rotates the credentials under the same id and/or changes label, permissions, testnet',
  tags,
  auth: 'user',
  params: exchangeKeyParams,
  body: rotateExchangeKeyBody,
  response: exchangeKeySchema,
  errors: ['NOT_FOUND', 'CONFLICT'],
});

export const deleteExchangeKeyRoute = defineRoute({
  method: 'DELETE',
  path: '/api/exchange-keys/{id}',
  summary: 'Deletes a key: its ciphertexts and encrypted data key are erased (crypto-shredding)',
  tags,
  auth: 'user',
  params: exchangeKeyParams,
  response: z.object({ id: z.uuid(), deleted: z.literal(true) }),
  errors: ['NOT_FOUND'],
});

export const signPayloadRoute = defineRoute({
  method: 'POST',
  path: '/api/exchange-keys/{id}/sign',
  summary:
    'Lowercase hex HMAC-SHA256 of `payload` with the stored secret (Binance and Bybit scheme); 1200 per minute per key',
  tags,
  auth: 'user',
  params: exchangeKeyParams,
  body: signPayloadBody,
  response: z.object({ signature: z.string().regex(/^[0-9a-f]{64}$/) }),
  errors: ['NOT_FOUND', 'RATE_LIMIT_EXCEEDED'],
});

/** Every vault route, for `apiContracts`. */
export const vaultContracts = [
  createExchangeKeyRoute,
  listExchangeKeysRoute,
  getExchangeKeyRoute,
  rotateExchangeKeyRoute,
  deleteExchangeKeyRoute,
  signPayloadRoute,
] as const;
