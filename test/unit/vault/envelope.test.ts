import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  apiKeyHint,
  canonicalContext,
  encryptionContext,
  FORMAT_VERSION,
  sealCredential,
  signWithSecret,
} from '../../../functions/keys/envelope';
import { VaultIntegrityError } from '../../../functions/keys/errors';
import type { SealedCredential, SealedField } from '../../../functions/keys/ports';
import { binanceCredentials } from './support/credentials';
import { FakeDataKeys } from './support/fakes';

const context = encryptionContext('user-a', '6f1c1a52-5d4c-4a55-9d1f-0a4f7f3f3a11', 'binance');
const flip = (bytes: Uint8Array, index = 0): Uint8Array => {
  const copy = Uint8Array.from(bytes);
  copy[index] = (copy[index] ?? 0) ^ 0x01;
  return copy;
};
const withSecret = (sealed: SealedCredential, apiSecret: Partial<SealedField>) => ({
  ...sealed,
  apiSecret: { ...sealed.apiSecret, ...apiSecret },
});

describe('envelope encryption', () => {
  it('signs with the sealed secret exactly as a reference HMAC-SHA256 does', async () => {
    const keys = new FakeDataKeys();
    const { api_key, api_secret } = binanceCredentials();
    const sealed = await sealCredential(keys, context, api_key, api_secret);

    const signature = await signWithSecret(keys, context, sealed, 'symbol=BTCUSDT&timestamp=1');

    const reference = createHmac('sha256', api_secret)
      .update('symbol=BTCUSDT&timestamp=1')
      .digest('hex');
    expect(signature).toBe(reference);
    expect(signature).toMatch(/^[0-9a-f]{64}$/);
  });

  it('stores only ciphertext, a 96-bit IV and a 128-bit tag per field, and the format version', async () => {
    const keys = new FakeDataKeys();
    const { api_key, api_secret } = binanceCredentials();

    const sealed = await sealCredential(keys, context, api_key, api_secret);

    const everything = Buffer.concat([
      sealed.encryptedDataKey,
      ...[sealed.apiKey, sealed.apiSecret].flatMap((f) => [f.iv, f.tag, f.ciphertext]),
    ]).toString('latin1');
    expect(everything).not.toContain(api_key);
    expect(everything).not.toContain(api_secret);
    expect(sealed.apiKey.iv).toHaveLength(12);
    expect(sealed.apiSecret.tag).toHaveLength(16);
    expect(Buffer.from(sealed.apiKey.iv).equals(Buffer.from(sealed.apiSecret.iv))).toBe(false);
    expect(sealed.formatVersion).toBe(FORMAT_VERSION);
  });

  it('asks KMS for a data key under the full encryption context', async () => {
    const keys = new FakeDataKeys();
    const { api_key, api_secret } = binanceCredentials();

    await sealCredential(keys, context, api_key, api_secret);

    expect(keys.contexts).toEqual([
      {
        user_id: 'user-a',
        key_id: '6f1c1a52-5d4c-4a55-9d1f-0a4f7f3f3a11',
        exchange: 'binance',
        purpose: 'exchange-api-key',
      },
    ]);
  });

  it('zeroes every plaintext data key after sealing and after signing', async () => {
    const keys = new FakeDataKeys();
    const { api_key, api_secret } = binanceCredentials();
    const sealed = await sealCredential(keys, context, api_key, api_secret);

    await signWithSecret(keys, context, sealed, 'payload');

    expect(keys.handedOut).toHaveLength(2);
    for (const dataKey of keys.handedOut) expect(dataKey.every((byte) => byte === 0)).toBe(true);
  });

  it('fails closed when the context does not match (another user)', async () => {
    const keys = new FakeDataKeys();
    const { api_key, api_secret } = binanceCredentials();
    const sealed = await sealCredential(keys, context, api_key, api_secret);
    const other = encryptionContext('user-b', context.key_id, 'binance');

    await expect(signWithSecret(keys, other, sealed, 'p')).rejects.toThrow(VaultIntegrityError);
  });

  it.each([
    [
      'ciphertext',
      (s: SealedCredential) => withSecret(s, { ciphertext: flip(s.apiSecret.ciphertext) }),
    ],
    ['tag', (s: SealedCredential) => withSecret(s, { tag: flip(s.apiSecret.tag, 15) })],
    ['IV', (s: SealedCredential) => withSecret(s, { iv: flip(s.apiSecret.iv, 11) })],
    [
      'wrapped data key',
      (s: SealedCredential) => ({ ...s, encryptedDataKey: flip(s.encryptedDataKey, 40) }),
    ],
    ['key and secret swapped', (s: SealedCredential) => ({ ...s, apiSecret: s.apiKey })],
    [
      'truncated tag',
      (s: SealedCredential) => withSecret(s, { tag: s.apiSecret.tag.subarray(0, 12) }),
    ],
  ])('detects a tampered %s', async (_, tamper) => {
    const keys = new FakeDataKeys();
    const { api_key, api_secret } = binanceCredentials();
    const sealed = await sealCredential(keys, context, api_key, api_secret);

    await expect(signWithSecret(keys, context, tamper(sealed), 'p')).rejects.toThrow(
      VaultIntegrityError,
    );
  });

  it('refuses a format version it does not know without calling KMS', async () => {
    const keys = new FakeDataKeys();
    const { api_key, api_secret } = binanceCredentials();
    const sealed = await sealCredential(keys, context, api_key, api_secret);

    await expect(
      signWithSecret(keys, context, { ...sealed, formatVersion: 2 }, 'p'),
    ).rejects.toThrow(/unsupported_format_version/);
    expect(keys.decrypted).toBe(0);
  });

  it('says nothing about the secret in an integrity error', async () => {
    const keys = new FakeDataKeys();
    const { api_key, api_secret } = binanceCredentials();
    const sealed = await sealCredential(keys, context, api_key, api_secret);
    const tampered = withSecret(sealed, { ciphertext: flip(sealed.apiSecret.ciphertext) });

    const error = await signWithSecret(keys, context, tampered, 'p').then(
      () => new Error('signed'),
      (e: Error) => e,
    );

    expect(JSON.stringify({ message: error.message, stack: error.stack })).not.toContain(
      api_secret,
    );
  });
});

describe('canonical context and hint', () => {
  it('serialises a context the same whatever the key order', () => {
    const a = canonicalContext({ b: '2', a: '1' });
    const b = canonicalContext({ a: '1', b: '2' });

    expect(a.equals(b)).toBe(true);
    expect(a.toString()).toBe('[["a","1"],["b","2"]]');
  });

  it('masks the key down to its first and last four characters', () => {
    expect(apiKeyHint('ABCDefghijklmnopWXYZ')).toBe('ABCD...WXYZ');
  });
});
