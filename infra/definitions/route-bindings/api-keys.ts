import { API_KEY_KMS_PURPOSE } from '../../../shared/api-keys/api-key-items';
import { TOTP_KMS_PURPOSE } from '../../../shared/identity/totp-envelope';
import type { Access, RouteBinding } from '../routes';

/**
 * Platform API keys (`functions/api-keys/`), JWT-only (no `scope`: a key never manages keys).
 * Create issues the secret (`GenerateDataKey` on the API-key key, bound to its purpose; never
 * `Decrypt` — only the authorizer opens secrets) and checks the step-up code, which needs
 * `Decrypt` on the MFA key (purpose `totp`) and writes the enrolment's replay guard. List reads
 * keys' last use from the RateLimits table; nothing but the authorizer writes it.
 */
const creating = {
  tables: { users: 'readwrite', audit: 'append' },
  keys: { mfa: ['Decrypt'], apiKeys: ['GenerateDataKey'] },
  kmsPurposes: { mfa: TOTP_KMS_PURPOSE, apiKeys: API_KEY_KMS_PURPOSE },
} as const satisfies Access;

const listing = { tables: { users: 'read', rateLimits: 'readcount' } } as const satisfies Access;
const deleting = { tables: { users: 'readwrite', audit: 'append' } } as const satisfies Access;

export const apiKeyRoutes: readonly RouteBinding[] = [
  {
    method: 'POST',
    path: '/api/api-keys',
    entry: 'functions/api-keys/create-api-key.handler.ts',
    auth: 'user',
    access: creating,
  },
  {
    method: 'GET',
    path: '/api/api-keys',
    entry: 'functions/api-keys/list-api-keys.handler.ts',
    auth: 'user',
    access: listing,
  },
  {
    method: 'DELETE',
    path: '/api/api-keys/{id}',
    entry: 'functions/api-keys/delete-api-key.handler.ts',
    auth: 'user',
    access: deleting,
  },
];
