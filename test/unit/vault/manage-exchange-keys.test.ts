import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createExchangeKey } from '../../../functions/keys/create-exchange-key';
import { deleteExchangeKey } from '../../../functions/keys/delete-exchange-key';
import { getExchangeKey, listExchangeKeys } from '../../../functions/keys/read-exchange-keys';
import { rotateExchangeKey } from '../../../functions/keys/rotate-exchange-key';
import { signPayload } from '../../../functions/keys/sign-payload';
import { ConflictError, NotFoundError, ValidationError } from '../../../shared/domain/errors';
import { binanceCredentials, bybitCredentials, callerFor } from './support/credentials';
import { fakeVault, type FakeVault } from './support/fakes';

const alice = callerFor('alice');
const bob = callerFor('bob');

async function stored(vault: FakeVault, credentials = binanceCredentials()) {
  const record = await createExchangeKey(vault, alice, {
    exchange: 'binance',
    label: 'main',
    testnet: false,
    permissions: ['read'],
    ...credentials,
  });
  return { record, credentials };
}

const hmac = (secret: string, payload: string) =>
  createHmac('sha256', secret).update(payload).digest('hex');

describe('rotateExchangeKey', () => {
  it('replaces the credentials under the same id with a fresh data key and records it', async () => {
    const vault = fakeVault();
    const { record } = await stored(vault);
    const next = binanceCredentials();
    vault.clock.current = new Date('2026-01-06T10:00:00.000Z');

    const rotated = await rotateExchangeKey(vault, alice, record.id, next);

    expect(rotated).toMatchObject({
      id: record.id,
      rotationCount: 1,
      rotatedAt: '2026-01-06T10:00:00.000Z',
      apiKeyHint: `${next.api_key.slice(0, 4)}...${next.api_key.slice(-4)}`,
    });
    expect(vault.dataKeys.generated).toBe(3);
    expect(rotated.sealed.encryptedDataKey).not.toEqual(record.sealed.encryptedDataKey);
    const { signature } = await signPayload(vault, alice, record.id, 'q=1');
    expect(signature).toBe(hmac(next.api_secret, 'q=1'));
    expect(vault.audit.actions()).toContain('exchange_key.rotated');
  });

  it('changes label and permissions without touching the credentials', async () => {
    const vault = fakeVault();
    const { record } = await stored(vault);

    const updated = await rotateExchangeKey(vault, alice, record.id, {
      label: 'renamed',
      permissions: ['read', 'trade'],
    });

    expect(updated).toMatchObject({ label: 'renamed', permissions: ['read', 'trade'] });
    expect(updated.sealed).toBe(record.sealed);
    expect(updated.rotationCount).toBe(0);
    expect(vault.audit.actions().at(-1)).toBe('exchange_key.updated');
  });

  it("checks new credentials against the stored exchange's format", async () => {
    const vault = fakeVault();
    const { record } = await stored(vault);

    await expect(rotateExchangeKey(vault, alice, record.id, bybitCredentials())).rejects.toThrow(
      ValidationError,
    );
  });

  it('refuses credentials the user already stores under another id', async () => {
    const vault = fakeVault();
    const { credentials } = await stored(vault);
    const { record: second } = await stored(vault);

    await expect(rotateExchangeKey(vault, alice, second.id, credentials)).rejects.toThrow(
      ConflictError,
    );
  });

  it("answers 404 for another user's key and leaves it unchanged", async () => {
    const vault = fakeVault();
    const { record } = await stored(vault);

    await expect(rotateExchangeKey(vault, bob, record.id, { label: 'mine now' })).rejects.toThrow(
      NotFoundError,
    );
    expect((await getExchangeKey(vault, 'alice', record.id)).label).toBe('main');
  });
});

describe('deleteExchangeKey', () => {
  it('removes the sealed credential, frees its fingerprint and audits the deletion', async () => {
    const vault = fakeVault();
    const { record, credentials } = await stored(vault);

    await deleteExchangeKey(vault, alice, record.id);

    await expect(getExchangeKey(vault, 'alice', record.id)).rejects.toThrow(NotFoundError);
    expect(vault.repository.records.size).toBe(0);
    await expect(stored(vault, credentials)).resolves.toBeDefined();
    expect(vault.audit.actions()).toEqual([
      'exchange_key.created',
      'exchange_key.deleted',
      'exchange_key.created',
    ]);
  });

  it("answers 404 for another user's key and keeps it", async () => {
    const vault = fakeVault();
    const { record } = await stored(vault);

    await expect(deleteExchangeKey(vault, bob, record.id)).rejects.toThrow(NotFoundError);
    expect(vault.repository.records.size).toBe(1);
  });
});

describe('reading keys', () => {
  it("lists only the caller's keys", async () => {
    const vault = fakeVault();
    const { record } = await stored(vault);
    await createExchangeKey(vault, bob, {
      exchange: 'bybit',
      label: 'bob',
      testnet: false,
      permissions: ['read'],
      ...bybitCredentials(),
    });

    const page = await listExchangeKeys(vault, 'alice', 20, undefined);

    expect(page.items.map((r) => r.id)).toEqual([record.id]);
    expect(page.nextCursor).toBeNull();
  });

  it("answers 404 for another user's key", async () => {
    const vault = fakeVault();
    const { record } = await stored(vault);

    await expect(getExchangeKey(vault, 'bob', record.id)).rejects.toThrow('Exchange key not found');
  });
});
