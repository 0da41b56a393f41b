import { describe, expect, it } from 'vitest';
import { fingerprintOf, PEPPER_KEY_ID, withPepper } from '../../../functions/keys/fingerprint';
import { VAULT_PEPPER_KEY_ID } from '../../../infra/definitions/route-bindings/vault';
import { fakeVault } from './support/fakes';

const pepper = Buffer.alloc(32, 7);

describe('keyed fingerprint', () => {
  it('is the same for the same key of the same user', () => {
    expect(fingerprintOf(pepper, 'u1', 'binance', 'KEY')).toBe(
      fingerprintOf(pepper, 'u1', 'binance', 'KEY'),
    );
  });

  it('differs between users, exchanges and peppers for the same key', () => {
    const base = fingerprintOf(pepper, 'u1', 'binance', 'KEY');

    expect(fingerprintOf(pepper, 'u2', 'binance', 'KEY')).not.toBe(base);
    expect(fingerprintOf(pepper, 'u1', 'bybit', 'KEY')).not.toBe(base);
    expect(fingerprintOf(Buffer.alloc(32, 8), 'u1', 'binance', 'KEY')).not.toBe(base);
  });

  it('does not contain the key', () => {
    expect(fingerprintOf(pepper, 'u1', 'binance', 'abcdef')).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('fingerprint pepper', () => {
  it('is generated once by KMS, stored wrapped, and unwrapped afterwards', async () => {
    const vault = fakeVault();

    const first = await withPepper(vault, (p) => Buffer.from(p));
    const second = await withPepper(vault, (p) => Buffer.from(p));

    expect(first.equals(second)).toBe(true);
    expect(vault.dataKeys.generated).toBe(1);
    expect(vault.dataKeys.decrypted).toBe(1);
    expect(Buffer.from(vault.pepper.stored!.encrypted).includes(first)).toBe(false);
  });

  it('uses the stored pepper when another writer stored one first', async () => {
    const vault = fakeVault();
    const winner = await withPepper(vault, (p) => Buffer.from(p));
    const stored = vault.pepper.stored!;
    let loads = 0;
    vault.pepper.load = async () => (loads++ === 0 ? undefined : stored);

    const seen = await withPepper(vault, (p) => Buffer.from(p));

    expect(seen.equals(winner)).toBe(true);
    expect(vault.pepper.saves).toBe(2);
  });

  it('zeroes the plaintext pepper after use', async () => {
    const vault = fakeVault();
    let held: Buffer | undefined;

    await withPepper(vault, (p) => {
      held = p;
    });

    expect(held!.every((byte) => byte === 0)).toBe(true);
  });

  it('binds the pepper to the key id the route bindings restrict Decrypt to', async () => {
    const vault = fakeVault();

    await withPepper(vault, () => undefined);

    expect(vault.dataKeys.contexts[0]).toMatchObject({
      key_id: PEPPER_KEY_ID,
      purpose: 'exchange-api-key',
    });
    expect(PEPPER_KEY_ID).toBe(VAULT_PEPPER_KEY_ID);
  });
});
