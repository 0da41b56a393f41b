import { z } from 'zod';
import { MAX_ALLOWLIST_ENTRIES, parseAllowlistEntry } from '../api-keys/ip-allowlist';
import { apiKeyScopes } from '../api-keys/api-key-items';
import { isoTimestamp } from './common';
import { defineRoute } from './route-contract';

/** Without an IP allowlist a key lives at most 90 days; with one, at most a year. */
export const MAX_OPEN_KEY_DAYS = 90;
export const MAX_ALLOWLISTED_KEY_DAYS = 365;

/**
 * Whether an allowlist restricts where a key is used: it has entries and none is wider than a
 * /8 (IPv4) or a /16 (IPv6). `0.0.0.0/0` admits every address, so a key behind it is as open
 * as one without a list and gets the open key's lifetime.
 */
export function restrictsAddresses(allowlist: readonly string[]): boolean {
  return (
    allowlist.length > 0 &&
    allowlist.every((entry) => {
      const parsed = parseAllowlistEntry(entry);
      return parsed !== undefined && parsed.prefix >= (parsed.family === 'ipv4' ? 8 : 16);
    })
  );
}

const allowlistEntry = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .refine((entry) => parseAllowlistEntry(entry) !== undefined, 'Not an IP address or CIDR block');

export const createApiKeyBodySchema = z
  .strictObject({
    label: z
      .string()
      .trim()
      .min(1)
      .max(64)
      .regex(/^[^\p{Cc}]*$/u, 'Control characters are not allowed'),
    scopes: z
      .array(z.enum(apiKeyScopes))
      .min(1)
      .max(apiKeyScopes.length)
      .refine((s) => new Set(s).size === s.length, 'Scopes must not repeat'),
    ip_allowlist: z.array(allowlistEntry).max(MAX_ALLOWLIST_ENTRIES).optional(),
    expires_in_days: z.number().int().min(1).max(MAX_ALLOWLISTED_KEY_DAYS).optional(),
    mfa_code: z
      .string()
      .regex(/^\d{6}$/, 'A 6-digit code')
      .optional(),
  })
  .superRefine((body, context) => {
    const open = !restrictsAddresses(body.ip_allowlist ?? []);
    if (open && (body.expires_in_days ?? 0) > MAX_OPEN_KEY_DAYS) {
      context.addIssue({
        code: 'custom',
        path: ['expires_in_days'],
        message: `At most ${MAX_OPEN_KEY_DAYS} days without an ip_allowlist of /8 (IPv6 /16) or narrower`,
      });
    }
  });

const apiKeyFields = {
  id: z.uuid(),
  api_key: z.string(),
  label: z.string(),
  scopes: z.array(z.enum(apiKeyScopes)),
  ip_allowlist: z.array(z.string()),
  created_at: isoTimestamp,
  expires_at: isoTimestamp,
};

/** A key as listed: never its secret. */
export const apiKeyViewSchema = z.object({
  ...apiKeyFields,
  expired: z.boolean(),
  last_used_at: isoTimestamp.nullable(),
  last_used_ip: z.string().nullable(),
});

/** The answer to a creation: the only time `api_secret` is ever shown. */
export const createdApiKeySchema = z.object({ ...apiKeyFields, api_secret: z.string() });

export const createApiKeyRoute = defineRoute({
  method: 'POST',
  path: '/api/api-keys',
  summary:
    'Create a platform API key for programmatic trading; the secret is answered this once only',
  tags: ['api-keys'],
  auth: 'user',
  body: createApiKeyBodySchema,
  response: createdApiKeySchema,
  successStatus: 201,
  errors: ['VALIDATION_ERROR', 'PERMISSION_DENIED', 'CONFLICT', 'RATE_LIMIT_EXCEEDED'],
});

export const listApiKeysRoute = defineRoute({
  method: 'GET',
  path: '/api/api-keys',
  summary: "The caller's platform API keys, newest first, with when and from where last used",
  tags: ['api-keys'],
  auth: 'user',
  response: z.object({ items: z.array(apiKeyViewSchema), next_cursor: z.null() }),
  errors: [],
});

export const deleteApiKeyRoute = defineRoute({
  method: 'DELETE',
  path: '/api/api-keys/{id}',
  summary: 'Revoke one of the caller’s platform API keys at once',
  tags: ['api-keys'],
  auth: 'user',
  params: z.strictObject({ id: z.uuid() }),
  response: z.object({ id: z.uuid(), deleted: z.literal(true) }),
  errors: ['NOT_FOUND', 'CONFLICT'],
});

export const serverTimeRoute = defineRoute({
  method: 'GET',
  path: '/api/time',
  summary: 'The server clock, for signing requests within the receive window',
  tags: ['meta'],
  auth: 'public',
  response: z.object({ server_time: z.number().int(), iso: isoTimestamp }),
  errors: [],
});

export const apiKeyContracts = [
  createApiKeyRoute,
  listApiKeysRoute,
  deleteApiKeyRoute,
  serverTimeRoute,
] as const;
