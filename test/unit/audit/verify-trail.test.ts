import { beforeEach, describe, expect, it } from 'vitest';
import { chainHash, unsealed, type AuditRecord } from '../../../shared/audit/audit-record';
import { createCheckpoint } from '../../../functions/audit/checkpoints';
import { verifyTrail, type VerifyDeps } from '../../../functions/audit/verify-trail';
import {
  FakeSigner,
  InMemoryCheckpointStore,
  InMemoryTrail,
  RecordingArchive,
  entry,
  steppingClock,
} from './support/fakes';

let trail: InMemoryTrail;
let store: InMemoryCheckpointStore;
let signer: FakeSigner;
let deps: VerifyDeps;
let records: AuditRecord[];

const at = (seq: number): AuditRecord => records[seq - 1]!;
const checkpoint = () =>
  createCheckpoint({
    ...deps,
    archive: new RecordingArchive(),
    clock: steppingClock('2030-01-01T00:00:00.000Z'),
  });

beforeEach(() => {
  trail = new InMemoryTrail();
  store = new InMemoryCheckpointStore();
  signer = new FakeSigner();
  deps = { reader: trail, store, signer, clock: steppingClock(), budget: 1_000 };
  records = Array.from({ length: 5 }, (_, i) => trail.append(entry({ details: { step: i + 1 } })));
});

describe('verifyTrail', () => {
  it('finds an untouched trail valid and reports the range it checked', async () => {
    const report = await verifyTrail(deps, 'genesis');

    const chain = report.chains.find((c) => c.chain === at(1).chain);
    expect(report).toMatchObject({ valid: true, complete: true, first_broken: null });
    expect(chain).toMatchObject({ from_seq: 1, to_seq: 5, records_checked: 5, head_seq: 5 });
  });

  it('names the record whose field was changed', async () => {
    trail.put(at(3).id, { ...at(3), action: 'order.cancelled' });

    const report = await verifyTrail(deps, 'genesis');

    expect(report.valid).toBe(false);
    expect(report.first_broken).toMatchObject({
      chain: at(3).chain,
      seq: 3,
      id: at(3).id,
      reason: 'hash_mismatch',
    });
  });

  it('names the next link when a changed record’s own hash was recomputed', async () => {
    const forged = { ...at(3), result: 'failure' as const };
    trail.put(at(3).id, { ...forged, hash: chainHash(forged.prev_hash, unsealed(forged)) });

    const report = await verifyTrail(deps, 'genesis');

    expect(report.first_broken).toMatchObject({ seq: 4, reason: 'hash_mismatch' });
    expect(report.first_broken?.detail).toMatch(/prev_hash/);
  });

  it('names a deleted record as a gap', async () => {
    trail.remove(at(3).id);

    const report = await verifyTrail(deps, 'genesis');

    expect(report.first_broken).toMatchObject({ seq: 3, reason: 'gap', id: at(4).id });
  });

  it('names a deleted last record as missing, since the head still counts it', async () => {
    trail.remove(at(5).id);

    const report = await verifyTrail(deps, 'genesis');

    expect(report.first_broken).toMatchObject({ seq: 5, reason: 'missing' });
  });

  it('names two swapped records as reordered', async () => {
    const [third, fourth] = [at(3), at(4)];
    trail.put(third.id, fourth);
    trail.put(fourth.id, third);

    const report = await verifyTrail(deps, 'genesis');

    expect(report.first_broken).toMatchObject({ seq: 3, id: third.id, reason: 'reordered' });
  });

  it('starts from the last valid checkpoint', async () => {
    await checkpoint();
    trail.append(entry({ details: { step: 6 } }));

    const report = await verifyTrail(deps, 'checkpoint');

    const chain = report.chains.find((c) => c.chain === at(1).chain);
    expect(report.valid).toBe(true);
    expect(report.checkpoint).toMatchObject({ signature_valid: true });
    expect(chain).toMatchObject({ from_seq: 6, to_seq: 6, records_checked: 1 });
  });

  it('catches a chain rewritten with consistent hashes through its signed checkpoint', async () => {
    await checkpoint();
    let prev = at(2).hash;
    for (const seq of [3, 4, 5]) {
      const forged = { ...at(seq), prev_hash: prev, details: { step: 'rewritten' } };
      const hash = chainHash(prev, unsealed(forged));
      trail.put(forged.id, { ...forged, hash });
      prev = hash;
    }

    const fromGenesis = await verifyTrail(deps, 'genesis');
    const fromCheckpoint = await verifyTrail(deps, 'checkpoint');

    expect(fromGenesis.first_broken).toMatchObject({ seq: 5, reason: 'checkpoint_mismatch' });
    expect(fromCheckpoint.first_broken).toMatchObject({ seq: 5, reason: 'checkpoint_mismatch' });
  });

  it('finds the trail invalid when the newest checkpoint’s signature does not hold', async () => {
    const signed = await checkpoint();
    store.saved[0] = { ...signed, body: signed.body.replace('"seq":5', '"seq":4') };

    const report = await verifyTrail(deps, 'checkpoint');

    expect(report.valid).toBe(false);
    expect(report.checkpoint).toMatchObject({ id: signed.id, signature_valid: false });
  });

  it('answers incomplete when the budget runs out before a chain ends', async () => {
    const report = await verifyTrail({ ...deps, budget: 2 }, 'genesis');

    const chain = report.chains.find((c) => c.chain === at(1).chain);
    expect(report.complete).toBe(false);
    expect(chain).toMatchObject({ complete: false, to_seq: 2, valid: true });
  });
});
