import { createHmac, hkdfSync } from 'node:crypto';
import type { Exchange } from '../../shared/contracts/vault';
import { encryptionContext } from './envelope';
import type { Clock, DataKeyService, PepperStore } from './ports';

/**
 * The `key_id` of the pepper's encryption context. No credential has it (theirs are UUIDs), so
 * IAM can let create and rotate decrypt the pepper and nothing else.
 */
export const PEPPER_KEY_ID = 'fingerprint-pepper';
const PEPPER_CONTEXT = encryptionContext('*', PEPPER_KEY_ID, '*');
const HKDF_SALT = 'exchange-key-fingerprint/v1';

/**
 * Runs `use` with the vault's fingerprint pepper: 32 random bytes generated once by KMS
 * (`GenerateDataKey` under the vault key), stored only wrapped, and unwrapped per call. The
 * plaintext is zeroed when `use` returns. Two first writers racing both generate; the loser
 * drops its own and uses the stored one.
 */
export async function withPepper<T>(
  deps: { readonly pepper: PepperStore; readonly dataKeys: DataKeyService; readonly clock: Clock },
  use: (pepper: Buffer) => T,
): Promise<T> {
  let plaintext: Buffer | undefined;
  try {
    const stored = await deps.pepper.load();
    if (stored !== undefined) {
      plaintext = await deps.dataKeys.decrypt(stored.encrypted, PEPPER_CONTEXT);
    } else {
      const fresh = await deps.dataKeys.generate(PEPPER_CONTEXT);
      plaintext = fresh.plaintext;
      const at = deps.clock.now().toISOString();
      const saved = await deps.pepper.saveIfAbsent(
        { encrypted: fresh.encrypted, kmsKeyId: fresh.kmsKeyId },
        at,
      );
      if (!saved) {
        plaintext.fill(0);
        const winner = await deps.pepper.load();
        if (winner === undefined) throw new Error('the fingerprint pepper vanished');
        plaintext = await deps.dataKeys.decrypt(winner.encrypted, PEPPER_CONTEXT);
      }
    }
    return use(plaintext);
  } finally {
    plaintext?.fill(0);
  }
}

/**
 * The keyed fingerprint of an API key: HMAC-SHA256 under a per-user key derived from the
 * pepper with HKDF (info = the user id). Equal keys of one user collide, so duplicates are
 * refused; without KMS the stored value cannot be tested against guessed or leaked keys, and
 * the same key stored by two users yields unrelated fingerprints.
 */
export function fingerprintOf(
  pepper: Buffer,
  userId: string,
  exchange: Exchange,
  apiKey: string,
): string {
  const userKey = Buffer.from(hkdfSync('sha256', pepper, HKDF_SALT, `user:${userId}`, 32));
  try {
    return createHmac('sha256', userKey).update(`${exchange}\n${apiKey}`, 'utf8').digest('hex');
  } finally {
    userKey.fill(0);
  }
}
