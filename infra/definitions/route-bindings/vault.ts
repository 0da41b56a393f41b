import type { Access, RouteBinding } from '../routes';

/**
 * The `purpose` of every vault encryption context (`functions/keys/envelope.ts`); every KMS
 * grant of a vault function is conditioned on it.
 */
export const VAULT_KMS_PURPOSE = 'exchange-api-key';
/** The `key_id` of the fingerprint pepper's context (`functions/keys/fingerprint.ts`). */
export const VAULT_PEPPER_KEY_ID = 'fingerprint-pepper';

/**
 * Least privilege per vault route. Only these functions touch the Vault table's data; only
 * create and rotate may `GenerateDataKey`; sign may `Decrypt` credentials; create and rotate
 * may `Decrypt` the fingerprint pepper only; list and get use no KMS and write nothing. Writers
 * only `append` to the audit trail.
 */
const readOnly = { tables: { vault: 'read' } } as const satisfies Access;

const sealing = {
  tables: { vault: 'readwrite', audit: 'append' },
  keys: { vault: ['GenerateDataKey', 'Decrypt'] },
  kmsPurpose: VAULT_KMS_PURPOSE,
  kmsDecryptKeyIds: [VAULT_PEPPER_KEY_ID],
} as const satisfies Access;

const deleting = { tables: { vault: 'readwrite', audit: 'append' } } as const satisfies Access;

const signing = {
  tables: { vault: 'readwrite', rateLimits: 'write', audit: 'append' },
  keys: { vault: ['Decrypt'] },
  kmsPurpose: VAULT_KMS_PURPOSE,
} as const satisfies Access;

const entry = (name: string): string => `functions/keys/${name}.handler.ts`;

export const vaultRoutes: readonly RouteBinding[] = [
  {
    method: 'POST',
    path: '/api/exchange-keys',
    entry: entry('create-exchange-key'),
    auth: 'user',
    access: sealing,
  },
  {
    method: 'GET',
    path: '/api/exchange-keys',
    entry: entry('list-exchange-keys'),
    auth: 'user',
    access: readOnly,
  },
  {
    method: 'GET',
    path: '/api/exchange-keys/{id}',
    entry: entry('get-exchange-key'),
    auth: 'user',
    access: readOnly,
  },
  {
    method: 'PUT',
    path: '/api/exchange-keys/{id}',
    entry: entry('rotate-exchange-key'),
    auth: 'user',
    access: sealing,
  },
  {
    method: 'DELETE',
    path: '/api/exchange-keys/{id}',
    entry: entry('delete-exchange-key'),
    auth: 'user',
    access: deleting,
  },
  {
    method: 'POST',
    path: '/api/exchange-keys/{id}/sign',
    entry: entry('sign-payload'),
    auth: 'user',
    access: signing,
    // Its own atomic 1200/min per key, checked before any KMS call, is its limit: the shared
    // per-user class (600/min) would refuse what the route's rate headers say is left.
    rateClass: 'none',
  },
];
