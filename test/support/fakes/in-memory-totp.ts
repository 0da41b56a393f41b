import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { TotpEnrolment, TotpEnrolmentStore } from '../../../shared/identity/totp-enrolments';
import {
  TotpSecretIntegrityError,
  type SealedTotpSecret,
  type TotpDataKeys,
  type TotpEncryptionContext,
} from '../../../shared/identity/totp-envelope';

/** The enrolment items of the Users table, with the same conditions as the DynamoDB adapter. */
export class InMemoryTotpEnrolments implements TotpEnrolmentStore {
  readonly items = new Map<string, TotpEnrolment>();

  async get(userId: string): Promise<TotpEnrolment | undefined> {
    return this.items.get(userId);
  }

  async savePending(userId: string, sealed: SealedTotpSecret): Promise<void> {
    this.items.set(userId, {
      status: 'PENDING',
      sealed,
      lastAcceptedStep: null,
      failedAttempts: 0,
      lastFailureMs: null,
    });
  }

  async activate(userId: string): Promise<boolean> {
    const item = this.items.get(userId);
    if (item === undefined) return false;
    this.items.set(userId, { ...item, status: 'ACTIVE' });
    return true;
  }

  async remove(userId: string): Promise<void> {
    this.items.delete(userId);
  }

  async claimStep(userId: string, step: number): Promise<boolean> {
    const item = this.items.get(userId);
    if (item?.status !== 'ACTIVE') return false;
    if (item.lastAcceptedStep !== null && item.lastAcceptedStep >= step) return false;
    this.items.set(userId, {
      ...item,
      lastAcceptedStep: step,
      failedAttempts: 0,
      lastFailureMs: null,
    });
    return true;
  }

  async reserveAttempt(
    userId: string,
    atMs: number,
    max: number,
    lockStartMs: number,
  ): Promise<boolean> {
    const item = this.items.get(userId);
    if (item?.status !== 'ACTIVE') return false;
    const stale = item.lastFailureMs === null || item.lastFailureMs <= lockStartMs;
    if (!stale && item.failedAttempts >= max) return false;
    const failedAttempts = stale ? 1 : item.failedAttempts + 1;
    this.items.set(userId, { ...item, failedAttempts, lastFailureMs: atMs });
    return true;
  }
}

const contextText = (context: TotpEncryptionContext): string =>
  JSON.stringify(Object.entries(context).sort());

/**
 * KMS data keys in memory: one master key, the encryption context bound as AAD, so a blob
 * opened under another user's context fails as KMS would. Counts the calls.
 */
export class FakeTotpDataKeys implements TotpDataKeys {
  private readonly master = randomBytes(32);
  generated = 0;
  decrypted = 0;

  async generate(context: TotpEncryptionContext) {
    this.generated += 1;
    const plaintext = randomBytes(32);
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.master, iv);
    cipher.setAAD(Buffer.from(contextText(context)));
    const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
    const encrypted = Buffer.concat([iv, cipher.getAuthTag(), body]);
    return { plaintext, encrypted, kmsKeyId: 'arn:aws:kms:local:000000000000:key/fake-mfa' };
  }

  async decrypt(encrypted: Uint8Array, context: TotpEncryptionContext): Promise<Buffer> {
    this.decrypted += 1;
    const blob = Buffer.from(encrypted);
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.master, blob.subarray(0, 12));
      decipher.setAAD(Buffer.from(contextText(context)));
      decipher.setAuthTag(blob.subarray(12, 28));
      return Buffer.concat([decipher.update(blob.subarray(28)), decipher.final()]);
    } catch (error) {
      throw new TotpSecretIntegrityError('kms_rejected_data_key', { cause: error });
    }
  }
}
