import { describe, expect, it } from 'vitest';
import { createExchangeKey } from '../../../functions/keys/create-exchange-key';
import { signWithSecret, encryptionContext } from '../../../functions/keys/envelope';
import { toView } from '../../../functions/keys/view';
import { MAX_EXCHANGE_KEYS_PER_USER } from '../../../shared/contracts/vault';
import { ConflictError } from '../../../shared/domain/errors';
import { binanceCredentials, bybitCredentials, callerFor } from './support/credentials';
import { fakeVault } from './support/fakes';

const alice = callerFor('alice');
const body = (credentials = binanceCredentials()) => ({
  exchange: 'binance' as const,
  label: 'main account',
  testnet: false,
  permissions: ['read' as const, 'trade' as const],
  ...credentials,
});

describe('createExchangeKey', () => {
  it('stores a key that signs with the given secret and answers only the hint', async () => {
    const vault = fakeVault();
    const credentials = binanceCredentials();

    const record = await createExchangeKey(vault, alice, body(credentials));

    const context = encryptionContext('alice', record.id, 'binance');
    const signature = await signWithSecret(vault.dataKeys, context, record.sealed, 'x=1');
    expect(signature).toHaveLength(64);
    expect(toView(record)).toEqual({
      id: record.id,
      exchange: 'binance',
      label: 'main account',
      api_key_hint: `${credentials.api_key.slice(0, 4)}...${credentials.api_key.slice(-4)}`,
      testnet: false,
      permissions: ['read', 'trade'],
      created_at: '2026-01-05T10:00:00.000Z',
      updated_at: '2026-01-05T10:00:00.000Z',
      last_used_at: null,
      rotation_count: 0,
      rotated_at: null,
    });
  });

  it('keeps neither the key nor the secret in clear anywhere in the record', async () => {
    const vault = fakeVault();
    const credentials = binanceCredentials();

    const record = await createExchangeKey(vault, alice, body(credentials));

    const { sealed, ...metadata } = record;
    const dump = [
      JSON.stringify(metadata),
      ...[sealed.encryptedDataKey, sealed.apiKey, sealed.apiSecret]
        .flatMap((part) =>
          part instanceof Uint8Array ? [part] : [part.iv, part.tag, part.ciphertext],
        )
        .map((bytes) => Buffer.from(bytes).toString('latin1')),
    ].join('\n');
    expect(dump).not.toContain(credentials.api_key);
    expect(dump).not.toContain(credentials.api_secret);
  });

  it('refuses the same API key twice for one user with CONFLICT', async () => {
    const vault = fakeVault();
    const credentials = binanceCredentials();
    await createExchangeKey(vault, alice, body(credentials));

    await expect(
      createExchangeKey(vault, alice, { ...body(credentials), label: 'again' }),
    ).rejects.toThrow(ConflictError);
  });

  it('lets two users store the same API key under unrelated fingerprints', async () => {
    const vault = fakeVault();
    const credentials = binanceCredentials();

    const a = await createExchangeKey(vault, alice, body(credentials));
    const b = await createExchangeKey(vault, callerFor('bob'), body(credentials));

    expect(a.fingerprint).not.toBe(b.fingerprint);
  });

  it(`refuses key number ${MAX_EXCHANGE_KEYS_PER_USER + 1} with CONFLICT and its limit`, async () => {
    const vault = fakeVault();
    for (let i = 0; i < MAX_EXCHANGE_KEYS_PER_USER; i += 1) {
      await createExchangeKey(vault, alice, body());
    }

    const refused = createExchangeKey(vault, alice, body());

    await expect(refused).rejects.toThrow(ConflictError);
    await expect(refused).rejects.toMatchObject({ details: { limit: MAX_EXCHANGE_KEYS_PER_USER } });
  });

  it('stores a Bybit key with its own context and testnet flag', async () => {
    const vault = fakeVault();

    const record = await createExchangeKey(vault, alice, {
      ...bybitCredentials(),
      exchange: 'bybit',
      label: 'bybit test',
      testnet: true,
      permissions: ['read'],
    });

    expect(record).toMatchObject({ exchange: 'bybit', testnet: true, permissions: ['read'] });
    expect(vault.dataKeys.contexts.at(-1)).toMatchObject({ exchange: 'bybit', key_id: record.id });
  });

  it('audits the creation with metadata and without any secret', async () => {
    const vault = fakeVault();
    const credentials = binanceCredentials();

    const record = await createExchangeKey(vault, alice, body(credentials));

    expect(vault.audit.entries).toEqual([
      expect.objectContaining({
        actor: { type: 'user', id: 'alice' },
        action: 'exchange_key.created',
        resource: { type: 'exchange_key', id: record.id },
        result: 'success',
        requestId: 'req-alice',
      }),
    ]);
    const audited = JSON.stringify(vault.audit.entries);
    expect(audited).not.toContain(credentials.api_key);
    expect(audited).not.toContain(credentials.api_secret);
  });
});
