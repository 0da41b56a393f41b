import { generateKeyPairSync, sign } from 'node:crypto';
import type { AuditEntry, AuditLog } from '../../../../shared/audit/audit-log';
import {
  GENESIS_HASH,
  chainFor,
  sealRecord,
  type AuditRecord,
} from '../../../../shared/audit/audit-record';
import type {
  AuditReader,
  ChainEntry,
  ChainHead,
  CheckpointArchive,
  CheckpointSigner,
  CheckpointStore,
  Clock,
  EventPage,
  EventQuery,
  SignedCheckpoint,
} from '../../../../functions/audit/ports';

/** A clock that moves one millisecond per reading, from a fixed start. */
export function steppingClock(start = '2025-03-01T10:00:00.000Z'): Clock {
  let ms = Date.parse(start);
  return { now: () => new Date(ms++) };
}

/**
 * The trail in memory: a writer with the same sealing as the DynamoDB one, a reader over the
 * stored items, and direct access to those items so tests can tamper with them.
 */
export class InMemoryTrail implements AuditLog, AuditReader {
  readonly items = new Map<number, Map<string, AuditRecord | undefined>>();
  private readonly headByChain = new Map<number, ChainHead & { at: string }>();

  constructor(private readonly clock: Clock = steppingClock()) {}

  async record(entry: AuditEntry): Promise<void> {
    this.append(entry);
  }

  append(entry: AuditEntry): AuditRecord {
    const chain = chainFor(entry.resource);
    const head = this.headByChain.get(chain);
    const now = this.clock.now().toISOString();
    const record = sealRecord(entry, {
      chain,
      seq: (head?.seq ?? 0) + 1,
      at: head !== undefined && head.at > now ? head.at : now,
      prevHash: head?.hash ?? GENESIS_HASH,
    });
    this.chainItems(chain).set(record.id, record);
    this.headByChain.set(chain, {
      chain,
      seq: record.seq,
      hash: record.hash,
      lastId: record.id,
      at: record.at,
    });
    return record;
  }

  private chainItems(chain: number): Map<string, AuditRecord | undefined> {
    const existing = this.items.get(chain);
    if (existing !== undefined) return existing;
    const created = new Map<string, AuditRecord | undefined>();
    this.items.set(chain, created);
    return created;
  }

  /** Overwrites what is stored at a record's position (tampering). */
  put(key: string, record: AuditRecord | undefined): void {
    const chain = Number(key.split('-')[1]);
    this.chainItems(chain).set(key, record);
  }

  remove(key: string): void {
    this.items.get(Number(key.split('-')[1]))?.delete(key);
  }

  private all(): AuditRecord[] {
    return [...this.items.values()].flatMap((m) =>
      [...m.values()].filter((r): r is AuditRecord => r !== undefined),
    );
  }

  async list(query: EventQuery): Promise<EventPage> {
    const f = query.filter;
    const matches = this.all()
      .filter((r) => f.actorId === undefined || r.actor.id === f.actorId)
      .filter((r) => f.action === undefined || r.action === f.action)
      .filter((r) => query.before === undefined || r.id < query.before)
      .sort((a, b) => (a.id < b.id ? 1 : -1));
    const items = matches.slice(0, query.limit);
    const last = items[items.length - 1];
    return matches.length > query.limit && last ? { items, before: last.id } : { items };
  }

  async get(id: string): Promise<AuditRecord | undefined> {
    return this.all().find((r) => r.id === id);
  }

  async heads(): Promise<readonly ChainHead[]> {
    return Array.from({ length: 8 }, (_, chain) => {
      const head = this.headByChain.get(chain);
      if (head === undefined) return { chain, seq: 0, hash: GENESIS_HASH };
      return { chain, seq: head.seq, hash: head.hash, lastId: head.lastId ?? '' };
    });
  }

  async *walk(chain: number, afterId?: string): AsyncIterable<ChainEntry> {
    const keys = [...(this.items.get(chain)?.keys() ?? [])].sort();
    for (const key of keys) {
      if (afterId === undefined || key > afterId) {
        yield { key, record: this.items.get(chain)?.get(key) };
      }
    }
  }
}

/** An ECDSA P-256 key in process, signing as KMS's ECDSA_SHA_256 does. */
export class FakeSigner implements CheckpointSigner {
  readonly keyId = 'arn:aws:kms:us-east-1:000000000000:key/test-audit-key';
  private readonly pair = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  readonly signed: Uint8Array[] = [];

  async publicKey(): Promise<{ keyId: string; pem: string }> {
    const pem = this.pair.publicKey.export({ type: 'spki', format: 'pem' }).toString();
    return { keyId: this.keyId, pem };
  }

  async sign(message: Uint8Array): Promise<Uint8Array> {
    this.signed.push(message);
    return sign('sha256', message, this.pair.privateKey);
  }
}

export class InMemoryCheckpointStore implements CheckpointStore {
  readonly saved: SignedCheckpoint[] = [];

  async save(checkpoint: SignedCheckpoint): Promise<void> {
    this.saved.push(checkpoint);
  }

  async list(limit: number, before?: string): Promise<{ items: SignedCheckpoint[] }> {
    const items = [...this.saved]
      .sort((a, b) => (a.id < b.id ? 1 : -1))
      .filter((c) => before === undefined || c.id < before)
      .slice(0, limit);
    return { items };
  }
}

export class RecordingArchive implements CheckpointArchive {
  readonly archived: SignedCheckpoint[] = [];

  async put(checkpoint: SignedCheckpoint): Promise<void> {
    this.archived.push(checkpoint);
  }
}

/** An entry about one resource, so every record of a test lands in the same chain. */
export function entry(overrides: Partial<AuditEntry> = {}): AuditEntry {
  return {
    actor: { type: 'user', id: 'user-1' },
    actorIp: '203.0.113.7',
    userAgent: 'vitest',
    action: 'order.placed',
    resource: { type: 'order', id: 'order-1' },
    result: 'success',
    requestId: 'req-1',
    details: { symbol: 'BTCUSDT', quantity: '0.5' },
    ...overrides,
  };
}
