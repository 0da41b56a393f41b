import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createExchangeKey } from '../../../functions/keys/create-exchange-key';
import { VaultIntegrityError } from '../../../functions/keys/errors';
import { SIGN_LIMIT, SIGN_MISS_LIMIT, signPayload } from '../../../functions/keys/sign-payload';
import { NotFoundError, RateLimitExceededError } from '../../../shared/domain/errors';
import { binanceCredentials, callerFor } from './support/credentials';
import { fakeVault, type FakeVault } from './support/fakes';

const alice = callerFor('alice');

async function stored(vault: FakeVault, userId = 'alice') {
  const credentials = binanceCredentials();
  const record = await createExchangeKey(vault, callerFor(userId), {
    exchange: 'binance',
    label: 'main',
    testnet: false,
    permissions: ['read', 'trade'],
    ...credentials,
  });
  return { record, credentials };
}

describe('signPayload', () => {
  it('answers the reference HMAC-SHA256 and keeps last_used_at', async () => {
    const vault = fakeVault();
    const { record, credentials } = await stored(vault);
    const payload = 'symbol=BTCUSDT&side=BUY&type=LIMIT&timestamp=1700000000000';

    const { signature, rate } = await signPayload(vault, alice, record.id, payload);

    expect(signature).toBe(
      createHmac('sha256', credentials.api_secret).update(payload).digest('hex'),
    );
    expect(rate).toMatchObject({ allowed: true, limit: SIGN_LIMIT, remaining: SIGN_LIMIT - 1 });
    expect((await vault.repository.get('alice', record.id))?.lastUsedAt).toBe(
      '2026-01-05T10:00:00.000Z',
    );
  });

  it('audits the signature with a digest of the payload, never the signature or secret', async () => {
    const vault = fakeVault();
    const { record, credentials } = await stored(vault);

    const { signature } = await signPayload(vault, alice, record.id, 'a=1');

    const entry = vault.audit.entries.at(-1)!;
    expect(entry).toMatchObject({ action: 'exchange_key.signed', result: 'success' });
    expect(entry.details).toMatchObject({ payload_bytes: 3 });
    const audited = JSON.stringify(vault.audit.entries);
    expect(audited).not.toContain(signature);
    expect(audited).not.toContain(credentials.api_secret);
  });

  it(`refuses signature ${SIGN_LIMIT + 1} within a minute with retry_after`, async () => {
    const vault = fakeVault(new Date('2026-01-05T10:00:45.000Z'));
    const { record } = await stored(vault);
    for (let i = 0; i < SIGN_LIMIT; i += 1) await signPayload(vault, alice, record.id, `n=${i}`);

    const refused = signPayload(vault, alice, record.id, 'one more');

    await expect(refused).rejects.toThrow(RateLimitExceededError);
    await expect(refused).rejects.toMatchObject({ retryAfterSeconds: 15 });
  });

  it('signs again once the window has passed', async () => {
    const vault = fakeVault(new Date('2026-01-05T10:00:45.000Z'));
    const { record } = await stored(vault);
    for (let i = 0; i < SIGN_LIMIT; i += 1) await signPayload(vault, alice, record.id, `n=${i}`);
    vault.clock.current = new Date('2026-01-05T10:01:00.000Z');

    await expect(signPayload(vault, alice, record.id, 'next minute')).resolves.toBeDefined();
  });

  it("answers 404 for another user's key without spending its budget", async () => {
    const vault = fakeVault();
    const { record } = await stored(vault);

    await expect(signPayload(vault, callerFor('mallory'), record.id, 'p')).rejects.toThrow(
      NotFoundError,
    );
    const buckets = [...vault.rateLimiter.counts.keys()];
    expect(buckets.filter((bucket) => bucket.includes(record.id))).toEqual([]);
    expect(
      buckets.filter((bucket) => bucket.startsWith('exchange-key-sign-miss#mallory#')),
    ).toHaveLength(1);
    expect(vault.dataKeys.decrypted).toBe(0);
  });

  it(`refuses request ${SIGN_MISS_LIMIT + 1} within a minute for keys the caller does not hold`, async () => {
    const vault = fakeVault(new Date('2026-01-05T10:00:45.000Z'));
    const probe = (i: number) =>
      signPayload(
        vault,
        callerFor('mallory'),
        `0190aaaa-0000-7000-8000-${String(i).padStart(12, '0')}`,
        'p',
      );
    for (let i = 0; i < SIGN_MISS_LIMIT; i += 1) {
      await expect(probe(i)).rejects.toThrow(NotFoundError);
    }

    await expect(probe(SIGN_MISS_LIMIT)).rejects.toThrow(RateLimitExceededError);
  });

  it('fails closed on a tampered ciphertext: security event and audit failure, no secret', async () => {
    const vault = fakeVault();
    const { record, credentials } = await stored(vault);
    vault.repository.tamper('alice', record.id, (r) => {
      const ciphertext = Uint8Array.from(r.sealed.apiSecret.ciphertext);
      ciphertext[0] = (ciphertext[0] ?? 0) ^ 0xff;
      return { ...r, sealed: { ...r.sealed, apiSecret: { ...r.sealed.apiSecret, ciphertext } } };
    });

    await expect(signPayload(vault, alice, record.id, 'p')).rejects.toThrow(VaultIntegrityError);

    expect(vault.security.events).toEqual([
      {
        name: 'exchange_key.integrity_failure',
        attributes: {
          user_id: 'alice',
          key_id: record.id,
          reason: 'ciphertext_authentication_failed',
          request_id: 'req-alice',
        },
      },
    ]);
    expect(vault.audit.entries.at(-1)).toMatchObject({
      action: 'exchange_key.signed',
      result: 'failure',
      details: { reason: 'integrity_check_failed' },
    });
    expect(JSON.stringify(vault.audit.entries)).not.toContain(credentials.api_secret);
  });

  it("fails closed when another user's sealed credential is copied into this record", async () => {
    const vault = fakeVault();
    const { record: victim } = await stored(vault, 'victim');
    const { record } = await stored(vault);
    vault.repository.tamper('alice', record.id, (r) => ({ ...r, sealed: victim.sealed }));

    await expect(signPayload(vault, alice, record.id, 'p')).rejects.toThrow(VaultIntegrityError);
    expect(vault.security.events[0]?.attributes['reason']).toBe('kms_rejected_data_key');
  });

  it('fails closed when the stored exchange was changed (context mismatch)', async () => {
    const vault = fakeVault();
    const { record } = await stored(vault);
    vault.repository.tamper('alice', record.id, (r) => ({ ...r, exchange: 'bybit' }));

    await expect(signPayload(vault, alice, record.id, 'p')).rejects.toThrow(VaultIntegrityError);
  });
});
