import { createHash, verify } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../../shared/audit/canonical-json';
import { chainHash, unsealed, type AuditRecord } from '../../../shared/audit/audit-record';
import { auditEventsQuerySchema, auditExportQuerySchema } from '../../../shared/contracts/audit';
import { createCheckpoint } from '../../../functions/audit/checkpoints';
import { exportEvents } from '../../../functions/audit/export-events';
import { listEvents } from '../../../functions/audit/read-events';
import type { Caller } from '../../../functions/audit/audit-reads';
import { InMemoryAuditLog } from '../../../test/support/fakes/in-memory-audit-log';
import {
  FakeSigner,
  InMemoryCheckpointStore,
  InMemoryTrail,
  RecordingArchive,
  entry,
  steppingClock,
} from './support/fakes';

const auditor: Caller = {
  identity: { userId: 'auditor-1', groups: ['auditor'], authType: 'jwt', scopes: [] },
  sourceIp: '198.51.100.4',
  userAgent: 'audit-cli',
  requestId: 'req-9',
};

function world() {
  const trail = new InMemoryTrail();
  for (let i = 0; i < 7; i += 1) {
    trail.append(entry({ resource: { type: 'order', id: `order-${i}` }, details: { i } }));
  }
  const deps = {
    reader: trail,
    store: new InMemoryCheckpointStore(),
    signer: new FakeSigner(),
    archive: new RecordingArchive(),
    audit: new InMemoryAuditLog(),
    clock: steppingClock('2026-01-01T00:00:00.000Z'),
  };
  return { trail, deps };
}

describe('exportEvents', () => {
  it('answers records whose manifest and signature verify with the key it names', async () => {
    const { deps } = world();
    await createCheckpoint(deps);

    const answer = await exportEvents(deps, auditExportQuerySchema.parse({ limit: '5' }), auditor);

    const lines = answer.content
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as AuditRecord);
    const { manifest, signature } = answer;
    const signed = verify(
      'sha256',
      Buffer.from(canonicalJson(manifest)),
      manifest.public_key_pem,
      Buffer.from(signature, 'base64'),
    );
    expect(signed).toBe(true);
    expect(manifest).toMatchObject({ count: 5, format: 'jsonl', key_id: deps.signer.keyId });
    expect(manifest.content_sha256).toBe(createHash('sha256').update(answer.content).digest('hex'));
    expect([manifest.first_hash, manifest.last_hash]).toEqual([lines[0]!.hash, lines[4]!.hash]);
    expect(manifest.checkpoint?.id).toBe(deps.store.saved[0]?.id);
    expect(manifest.next_cursor).not.toBeNull();
    for (const line of lines) expect(chainHash(line.prev_hash, unsealed(line))).toBe(line.hash);
  });

  it('records the export against the auditor who made it', async () => {
    const { deps } = world();

    await exportEvents(deps, auditExportQuerySchema.parse({ format: 'csv' }), auditor);

    expect(deps.audit.entries).toEqual([
      expect.objectContaining({
        actor: { type: 'user', id: 'auditor-1' },
        actorIp: '198.51.100.4',
        action: 'audit.exported',
        result: 'success',
        details: expect.objectContaining({ format: 'csv', count: 7 }),
      }),
    ]);
  });
});

describe('listEvents', () => {
  it('pages with an opaque cursor until the last page and audits each read', async () => {
    const { deps } = world();

    const first = await listEvents(deps, auditEventsQuerySchema.parse({ limit: '4' }), auditor);
    const second = await listEvents(
      deps,
      auditEventsQuerySchema.parse({ limit: '4', cursor: first.next_cursor }),
      auditor,
    );

    expect(first.items).toHaveLength(4);
    expect(second.items).toHaveLength(3);
    expect(second.next_cursor).toBeNull();
    expect(new Set([...first.items, ...second.items].map((r) => r.id)).size).toBe(7);
    expect(deps.audit.actions()).toEqual(['audit.read', 'audit.read']);
  });

  it('rejects a cursor it did not make', async () => {
    const { deps } = world();
    const query = auditEventsQuerySchema.parse({ cursor: 'bm90LWEtY3Vyc29y' });

    await expect(listEvents(deps, query, auditor)).rejects.toThrow('The request is invalid');
  });

  it('rejects a time range that ends before it starts', async () => {
    const { deps } = world();
    const query = auditEventsQuerySchema.parse({
      from: '2025-02-01T00:00:00Z',
      to: '2025-01-01T00:00:00Z',
    });

    await expect(listEvents(deps, query, auditor)).rejects.toThrow('The request is invalid');
  });
});
