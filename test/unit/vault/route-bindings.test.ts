import { describe, expect, it } from 'vitest';
import { VAULT_PURPOSE } from '../../../functions/keys/envelope';
import { routes, type RouteBinding } from '../../../infra/definitions/routes';
import {
  VAULT_KMS_PURPOSE,
  VAULT_PEPPER_KEY_ID,
  vaultRoutes,
} from '../../../infra/definitions/route-bindings/vault';

const key = (r: Pick<RouteBinding, 'method' | 'path'>) => `${r.method} ${r.path}`;
const kmsActions = (r: RouteBinding) => [...(r.access.keys?.vault ?? [])].sort();
/** Routes holding `action` on the vault key (other keys, e.g. the MFA key, are not the vault's). */
const holders = (action: string) =>
  routes.filter((r) => (r.access.keys?.vault ?? []).some((a) => a === action));

describe('vault route bindings (declared least privilege)', () => {
  it('binds every vault route to a user-only handler under functions/keys', () => {
    expect(vaultRoutes.map(key).sort()).toEqual([
      'DELETE /api/exchange-keys/{id}',
      'GET /api/exchange-keys',
      'GET /api/exchange-keys/{id}',
      'POST /api/exchange-keys',
      'POST /api/exchange-keys/{id}/sign',
      'PUT /api/exchange-keys/{id}',
    ]);
    for (const r of vaultRoutes) {
      expect(r.auth, key(r)).toBe('user');
      expect(r.entry, key(r)).toMatch(/^functions\/keys\/[a-z-]+\.handler\.ts$/);
    }
  });

  it('lets only create and rotate generate vault data keys', () => {
    expect(holders('GenerateDataKey').map(key).sort()).toEqual([
      'POST /api/exchange-keys',
      'PUT /api/exchange-keys/{id}',
    ]);
  });

  it('lets only vault routes decrypt with the vault key, each bound to the vault purpose', () => {
    const decrypting = holders('Decrypt');

    expect(decrypting.every((r) => r.entry.startsWith('functions/keys/'))).toBe(true);
    expect(decrypting.map((r) => r.access.kmsPurpose)).toEqual(decrypting.map(() => VAULT_PURPOSE));
    expect(VAULT_KMS_PURPOSE).toBe(VAULT_PURPOSE);
  });

  it('restricts the Decrypt of create and rotate to the fingerprint pepper', () => {
    const sealing = vaultRoutes.filter((r) => kmsActions(r).includes('GenerateDataKey'));
    const sign = vaultRoutes.find((r) => r.path.endsWith('/sign'))!;

    for (const r of sealing) expect(r.access.kmsDecryptKeyIds).toEqual([VAULT_PEPPER_KEY_ID]);
    expect(kmsActions(sign)).toEqual(['Decrypt']);
    expect(sign.access.kmsDecryptKeyIds).toBeUndefined();
  });

  it('gives list and get read access to the vault and nothing else', () => {
    const reads = vaultRoutes.filter((r) => r.method === 'GET');

    for (const r of reads) expect(r.access, key(r)).toEqual({ tables: { vault: 'read' } });
  });

  it('lets no other route touch the Vault table beyond describing it', () => {
    const others = routes.filter((r) => !r.entry.startsWith('functions/keys/'));

    expect(
      others.filter((r) => ![undefined, 'describe'].includes(r.access.tables?.vault)).map(key),
    ).toEqual([]);
  });
});
