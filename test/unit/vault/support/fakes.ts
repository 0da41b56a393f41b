import { createCipheriv, createDecipheriv, randomBytes, randomUUID } from 'node:crypto';
import { canonicalContext } from '../../../../functions/keys/envelope';
import {
  ConcurrentChangeError,
  DuplicateExchangeKeyError,
  ExchangeKeyLimitError,
  VaultIntegrityError,
} from '../../../../functions/keys/errors';
import type {
  DataKeyService,
  EncryptionContext,
  ExchangeKeyRecord,
  ExchangeKeyRepository,
  PepperStore,
  RateLimiter,
  SecurityLog,
  VaultPorts,
  WrappedPepper,
} from '../../../../functions/keys/ports';
import { InMemoryAuditLog } from '../../../support/fakes/in-memory-audit-log';

/**
 * A KMS stand-in with real AES-256-GCM: data keys wrapped under a master key with the
 * canonical context as AAD, so a wrong context or a flipped byte is refused as KMS would.
 * Keeps every plaintext it handed out, so tests can check they were zeroed.
 */
export class FakeDataKeys implements DataKeyService {
  readonly master = randomBytes(32);
  readonly handedOut: Buffer[] = [];
  readonly contexts: EncryptionContext[] = [];
  generated = 0;
  decrypted = 0;

  async generate(context: EncryptionContext) {
    this.generated += 1;
    this.contexts.push(context);
    const plaintext = randomBytes(32);
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.master, iv);
    cipher.setAAD(canonicalContext({ ...context }));
    const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
    const encrypted = Buffer.concat([iv, cipher.getAuthTag(), body]);
    const copy = Buffer.from(plaintext);
    plaintext.fill(0);
    this.handedOut.push(copy);
    return { plaintext: copy, encrypted, kmsKeyId: 'arn:aws:kms:local:000000000000:key/fake' };
  }

  async decrypt(encrypted: Uint8Array, context: EncryptionContext) {
    this.decrypted += 1;
    this.contexts.push(context);
    const blob = Buffer.from(encrypted);
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.master, blob.subarray(0, 12));
      decipher.setAAD(canonicalContext({ ...context }));
      decipher.setAuthTag(blob.subarray(12, 28));
      const plaintext = Buffer.concat([decipher.update(blob.subarray(28)), decipher.final()]);
      this.handedOut.push(plaintext);
      return plaintext;
    } catch {
      throw new VaultIntegrityError('kms_rejected_data_key');
    }
  }
}

/** The repository's contract in memory: per-user fingerprint claims, limit, revisions. */
export class InMemoryExchangeKeys implements ExchangeKeyRepository {
  readonly records = new Map<string, ExchangeKeyRecord>();
  readonly claims = new Map<string, string>();

  private static key = (userId: string, id: string) => `${userId}/${id}`;

  async create(record: ExchangeKeyRecord, maxPerUser: number) {
    const claim = InMemoryExchangeKeys.key(record.userId, record.fingerprint);
    if (this.claims.has(claim)) throw new DuplicateExchangeKeyError();
    if (this.ofUser(record.userId).length >= maxPerUser) {
      throw new ExchangeKeyLimitError(maxPerUser);
    }
    this.claims.set(claim, record.id);
    this.records.set(InMemoryExchangeKeys.key(record.userId, record.id), record);
  }

  async get(userId: string, id: string) {
    return this.records.get(InMemoryExchangeKeys.key(userId, id));
  }

  async list(userId: string, limit: number, cursor: string | undefined) {
    const all = this.ofUser(userId).sort((a, b) => (a.id < b.id ? -1 : 1));
    const start = cursor === undefined ? 0 : all.findIndex((r) => r.id === cursor) + 1;
    const items = all.slice(start, start + limit);
    const more = start + limit < all.length;
    return { items, nextCursor: more ? (items.at(-1)?.id ?? null) : null };
  }

  async replace(previous: ExchangeKeyRecord, next: ExchangeKeyRecord) {
    const key = InMemoryExchangeKeys.key(previous.userId, previous.id);
    if (this.records.get(key)?.revision !== previous.revision) throw new ConcurrentChangeError();
    if (previous.fingerprint !== next.fingerprint) {
      const claim = InMemoryExchangeKeys.key(next.userId, next.fingerprint);
      if (this.claims.has(claim)) throw new DuplicateExchangeKeyError();
      this.claims.delete(InMemoryExchangeKeys.key(previous.userId, previous.fingerprint));
      this.claims.set(claim, next.id);
    }
    this.records.set(key, { ...next, lastUsedAt: this.records.get(key)?.lastUsedAt ?? null });
  }

  async delete(record: ExchangeKeyRecord) {
    this.records.delete(InMemoryExchangeKeys.key(record.userId, record.id));
    this.claims.delete(InMemoryExchangeKeys.key(record.userId, record.fingerprint));
  }

  async markUsed(userId: string, id: string, at: string) {
    const key = InMemoryExchangeKeys.key(userId, id);
    const record = this.records.get(key);
    if (record !== undefined) this.records.set(key, { ...record, lastUsedAt: at });
  }

  /** Replaces a stored record as an attacker with table access would. */
  tamper(userId: string, id: string, change: (r: ExchangeKeyRecord) => ExchangeKeyRecord) {
    const key = InMemoryExchangeKeys.key(userId, id);
    this.records.set(key, change(this.records.get(key)!));
  }

  private ofUser(userId: string): ExchangeKeyRecord[] {
    return [...this.records.values()].filter((r) => r.userId === userId);
  }
}

export class InMemoryPepperStore implements PepperStore {
  stored: WrappedPepper | undefined;
  saves = 0;

  async load() {
    return this.stored;
  }

  async saveIfAbsent(pepper: WrappedPepper) {
    this.saves += 1;
    if (this.stored !== undefined) return false;
    this.stored = pepper;
    return true;
  }
}

/** Fixed windows counted in memory, as the DynamoDB limiter does. */
export class InMemoryRateLimiter implements RateLimiter {
  readonly counts = new Map<string, number>();

  async consume(bucket: string, limit: number, windowSeconds: number, now: Date) {
    const windowMs = windowSeconds * 1000;
    const start = Math.floor(now.getTime() / windowMs) * windowMs;
    const resetSeconds = Math.max(1, Math.ceil((start + windowMs - now.getTime()) / 1000));
    const key = `${bucket}#${start}`;
    const count = this.counts.get(key) ?? 0;
    if (count >= limit) return { allowed: false, limit, remaining: 0, resetSeconds };
    this.counts.set(key, count + 1);
    return { allowed: true, limit, remaining: limit - count - 1, resetSeconds };
  }
}

export class CapturingSecurityLog implements SecurityLog {
  readonly events: { name: string; attributes: Readonly<Record<string, string>> }[] = [];

  event(name: string, attributes: Readonly<Record<string, string>>) {
    this.events.push({ name, attributes });
  }
}

/** Every port of the vault as an in-memory fake, with a settable clock. */
export function fakeVault(start = new Date('2026-01-05T10:00:00.000Z')) {
  const clock = { current: start, now: () => clock.current };
  const ports = {
    repository: new InMemoryExchangeKeys(),
    dataKeys: new FakeDataKeys(),
    pepper: new InMemoryPepperStore(),
    rateLimiter: new InMemoryRateLimiter(),
    audit: new InMemoryAuditLog(),
    security: new CapturingSecurityLog(),
    clock,
    newId: () => randomUUID(),
  } satisfies VaultPorts;
  return ports;
}

export type FakeVault = ReturnType<typeof fakeVault>;
