import { describe, expect, it } from 'vitest';
import { createApiKey } from '../../../functions/api-keys/create-api-key';
import { deleteApiKey, listApiKeys } from '../../../functions/api-keys/manage-api-keys';
import type { ApiKeyRecord, ApiKeyStore, SealedSecret } from '../../../functions/api-keys/ports';
import { createApiKeyBodySchema } from '../../../shared/contracts/api-keys';
import { InMemoryAuditLog } from '../../support/fakes/in-memory-audit-log';

const caller = { userId: 'user-1', sourceIp: '203.0.113.7', userAgent: 'vitest', requestId: 'r' };
const NOW = new Date('2026-11-24T08:00:00.000Z');

function fakes(options: { mfa?: boolean; codeOk?: boolean } = {}) {
  const stored = new Map<string, { record: ApiKeyRecord; sealed: SealedSecret }>();
  const store: ApiKeyStore = {
    async create(record, sealed) {
      stored.set(record.id, { record, sealed });
    },
    async list(userId) {
      return [...stored.values()].filter((s) => s.record.userId === userId).map((s) => s.record);
    },
    async delete(userId, keyId) {
      const found = stored.get(keyId);
      if (found?.record.userId !== userId) return undefined;
      stored.delete(keyId);
      return found.record;
    },
  };
  const audit = new InMemoryAuditLog();
  let ids = 0;
  return {
    stored,
    audit,
    deps: {
      store,
      audit,
      usage: {
        lastUsed: async () => new Map([['id-1', { at: NOW.toISOString(), ip: '1.2.3.4' }]]),
      },
      secrets: {
        issue: async () => ({
          secret: 'f'.repeat(64),
          sealed: { kmsKeyId: 'arn:key', encryptedSecret: new Uint8Array([9]) },
        }),
      },
      mfa: { mfaEnabled: async () => options.mfa ?? false },
      stepUp: { verify: async () => options.codeOk ?? true },
      clock: { now: () => NOW },
      newId: () => `id-${++ids}`,
      newApiKey: () => `ak_${String(ids).padStart(32, '0')}`,
    },
  };
}

const input = { label: 'bot', scopes: ['read', 'trade'] as const };

describe('createApiKey', () => {
  it('answers the secret once and stores only its sealed form', async () => {
    const { deps, stored } = fakes();

    const created = await createApiKey(deps, caller, { ...input, scopes: [...input.scopes] });

    expect(created.secret).toBe('f'.repeat(64));
    expect(JSON.stringify([...stored.values()].map((s) => s.record))).not.toContain('fff');
    expect(stored.get(created.id)?.sealed.encryptedSecret).toEqual(new Uint8Array([9]));
  });

  it('expires a key without an allowlist after 90 days by default', async () => {
    const { deps } = fakes();

    const created = await createApiKey(deps, caller, { ...input, scopes: ['read'] });

    expect(created.expiresAt).toBe('2027-02-22T08:00:00.000Z');
  });

  it('requires a two-factor code when the account has MFA on', async () => {
    const { deps } = fakes({ mfa: true });

    await expect(createApiKey(deps, caller, { ...input, scopes: ['read'] })).rejects.toThrow(
      /request is invalid/,
    );
  });

  it('refuses a wrong two-factor code and records the denial', async () => {
    const { deps, stored, audit } = fakes({ mfa: true, codeOk: false });

    await expect(
      createApiKey(deps, caller, { ...input, scopes: ['read'], mfa_code: '123456' }),
    ).rejects.toThrow(/two-factor code/);
    expect(stored.size).toBe(0);
    expect(audit.entries.map((e) => e.result)).toEqual(['denied']);
  });

  it('lists keys with their last use and deletes only the caller’s own', async () => {
    const { deps } = fakes();
    const created = await createApiKey(deps, caller, { ...input, scopes: ['read'] });

    const listed = await listApiKeys(deps, caller.userId);
    await expect(deleteApiKey(deps, { ...caller, userId: 'user-2' }, created.id)).rejects.toThrow(
      /No such API key/,
    );
    await deleteApiKey(deps, caller, created.id);

    expect(listed[0]).toMatchObject({ id: created.id, lastUsedIp: '1.2.3.4', expired: false });
    expect(await listApiKeys(deps, caller.userId)).toEqual([]);
  });
});

describe('create body', () => {
  it('refuses more than 90 days without an IP allowlist', () => {
    const result = createApiKeyBodySchema.safeParse({ ...input, expires_in_days: 91 });

    expect(result.success).toBe(false);
  });

  it('counts an allowlist wider than a /8 (IPv6 /16) as none', () => {
    const year = (ip_allowlist: string[]) =>
      createApiKeyBodySchema.safeParse({ ...input, ip_allowlist, expires_in_days: 365 }).success;

    expect(year(['0.0.0.0/0', '::/0'])).toBe(false);
    expect(year(['198.51.100.7', '10.0.0.0/7'])).toBe(false);
    expect(year(['2001:db8::/15'])).toBe(false);
    expect(year(['10.0.0.0/8', '2001:db8::/16', '198.51.100.7'])).toBe(true);
  });

  it('allows up to a year with an allowlist', () => {
    const result = createApiKeyBodySchema.safeParse({
      ...input,
      ip_allowlist: ['198.51.100.0/24'],
      expires_in_days: 365,
    });

    expect(result.success).toBe(true);
  });

  it('refuses withdrawal scopes, repeated scopes and malformed allowlist entries', () => {
    const bodies = [
      { ...input, scopes: ['withdraw'] },
      { ...input, scopes: ['read', 'read'] },
      { ...input, ip_allowlist: ['10.0.0.0/40'] },
    ];

    expect(bodies.map((b) => createApiKeyBodySchema.safeParse(b).success)).toEqual([
      false,
      false,
      false,
    ]);
  });
});
