import { createPublicKey, verify } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../../shared/audit/canonical-json';
import {
  checkpointFromBody,
  checkpointValid,
  createCheckpoint,
  findCheckpoints,
} from '../../../functions/audit/checkpoints';
import {
  FakeSigner,
  InMemoryCheckpointStore,
  InMemoryTrail,
  RecordingArchive,
  entry,
  steppingClock,
} from './support/fakes';

function world() {
  const trail = new InMemoryTrail();
  const deps = {
    reader: trail,
    store: new InMemoryCheckpointStore(),
    signer: new FakeSigner(),
    archive: new RecordingArchive(),
    clock: steppingClock('2025-06-01T00:00:00.000Z'),
  };
  return { trail, deps };
}

describe('createCheckpoint', () => {
  it('signs the head of every chain so the signature verifies with the public key alone', async () => {
    const { trail, deps } = world();
    const last = trail.append(entry());

    const checkpoint = await createCheckpoint(deps);

    const { pem } = await deps.signer.publicKey();
    const signature = Buffer.from(checkpoint.signature, 'base64');
    expect(verify('sha256', Buffer.from(checkpoint.body), createPublicKey(pem), signature)).toBe(
      true,
    );
    expect(checkpoint.chains).toHaveLength(8);
    expect(checkpoint.chains.find((c) => c.chain === last.chain)).toEqual({
      chain: last.chain,
      seq: 1,
      hash: last.hash,
      last_id: last.id,
    });
  });

  it('signs the canonical JSON of exactly the fields it reports', async () => {
    const { deps } = world();

    const checkpoint = await createCheckpoint(deps);

    const { body, signature: _s, ...fields } = checkpoint;
    expect(body).toBe(canonicalJson({ version: 1, ...fields }));
    expect(checkpointFromBody(body, checkpoint.signature)).toEqual(checkpoint);
  });

  it('stores and archives every checkpoint', async () => {
    const { deps } = world();

    const checkpoint = await createCheckpoint(deps);

    expect(deps.store.saved).toEqual([checkpoint]);
    expect(deps.archive.archived).toEqual([checkpoint]);
  });
});

describe('checkpointValid', () => {
  it('rejects an altered body, a foreign key and a signature from another key', async () => {
    const { deps } = world();
    const checkpoint = await createCheckpoint(deps);
    const key = await deps.signer.publicKey();
    const other = await new FakeSigner().publicKey();

    expect(checkpointValid(checkpoint, key)).toBe(true);
    expect(checkpointValid({ ...checkpoint, at: '2020-01-01T00:00:00.000Z' }, key)).toBe(false);
    expect(checkpointValid(checkpoint, { ...key, keyId: 'arn:other' })).toBe(false);
    expect(checkpointValid(checkpoint, { ...other, keyId: key.keyId })).toBe(false);
  });
});

describe('findCheckpoints', () => {
  it('trusts the newest checkpoint whose signature holds and flags a forged newer one', async () => {
    const { deps } = world();
    const good = await createCheckpoint(deps);
    const newer = await createCheckpoint(deps);
    deps.store.saved[1] = { ...newer, signature: good.signature };

    const found = await findCheckpoints(deps.store, await deps.signer.publicKey());

    expect(found.latest).toMatchObject({ checkpoint: { id: newer.id }, valid: false });
    expect(found.trusted?.id).toBe(good.id);
  });
});
