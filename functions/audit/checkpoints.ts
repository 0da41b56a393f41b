import { randomBytes, verify } from 'node:crypto';
import { canonicalJson } from '../../shared/audit/canonical-json';
import { compactTime } from '../../shared/audit/audit-record';
import { signedCheckpointSchema } from '../../shared/contracts/audit';
import { ConflictError } from '../../shared/domain/errors';
import type {
  AuditReader,
  CheckpointArchive,
  CheckpointSigner,
  CheckpointStore,
  Clock,
  SignedCheckpoint,
} from './ports';

export const SIGNING_ALGORITHM = 'ECDSA_SHA_256';

export interface CheckpointDeps {
  readonly reader: AuditReader;
  readonly store: CheckpointStore;
  readonly signer: CheckpointSigner;
  readonly archive: CheckpointArchive;
  readonly clock: Clock;
}

/** Signs the canonical JSON of a value; the base64 DER signature verifies with the public key. */
export async function signCanonical(signer: CheckpointSigner, value: unknown): Promise<string> {
  const signature = await signer.sign(Buffer.from(canonicalJson(value), 'utf8'));
  return Buffer.from(signature).toString('base64');
}

/** Whether a base64 DER ECDSA_SHA_256 signature over `text` verifies with this PEM key. */
export function signatureValid(text: string, signature: string, pem: string): boolean {
  try {
    return verify('sha256', Buffer.from(text, 'utf8'), pem, Buffer.from(signature, 'base64'));
  } catch {
    return false;
  }
}

/**
 * Signs the current head of every chain. A checkpoint pins each chain's (seq, hash): anyone
 * who later rewrites or truncates a chain, even recomputing every hash, no longer matches a
 * signature only the KMS key can make. Saved in the table and, in AWS, in a locked S3 bucket.
 */
export async function createCheckpoint(deps: CheckpointDeps): Promise<SignedCheckpoint> {
  const [heads, key] = await Promise.all([deps.reader.heads(), deps.signer.publicKey()]);
  const damaged = heads.filter((head) => head.damaged === true).map((head) => head.chain);
  if (damaged.length > 0) {
    throw new ConflictError(`Chain head unreadable (chains ${damaged.join(', ')}); not signed`);
  }
  const at = deps.clock.now().toISOString();
  const id = `${compactTime(at)}-${randomBytes(4).toString('hex')}`;
  const chains = heads.map((head) => ({
    chain: head.chain,
    seq: head.seq,
    hash: head.hash,
    ...(head.lastId === undefined ? {} : { last_id: head.lastId }),
  }));
  const content = {
    version: 1,
    id,
    at,
    algorithm: SIGNING_ALGORITHM,
    key_id: key.keyId,
    chains,
  } as const;
  const checkpoint: SignedCheckpoint = {
    id,
    at,
    key_id: key.keyId,
    algorithm: SIGNING_ALGORITHM,
    chains,
    body: canonicalJson(content),
    signature: await signCanonical(deps.signer, content),
  };
  await deps.store.save(checkpoint);
  await deps.archive.put(checkpoint);
  return checkpoint;
}

/**
 * A checkpoint from its signed body: every field comes from the body, so what a reader sees is
 * exactly what was signed. Throws when the body is not a checkpoint.
 */
export function checkpointFromBody(body: string, signature: string): SignedCheckpoint {
  const parsed = JSON.parse(body) as Record<string, unknown>;
  return signedCheckpointSchema.parse({ ...parsed, body, signature });
}

/** Whether a checkpoint was signed by this key over exactly its canonical body. */
export function checkpointValid(
  checkpoint: SignedCheckpoint,
  key: { keyId: string; pem: string },
): boolean {
  const { body, signature, ...fields } = checkpoint;
  return (
    checkpoint.key_id === key.keyId &&
    canonicalJson({ version: 1, ...fields }) === body &&
    signatureValid(body, signature, key.pem)
  );
}

/**
 * The newest checkpoint, whether its signature holds, and the newest one whose signature
 * holds (the trusted starting point of verification), looking back at most `depth` of them.
 */
export async function findCheckpoints(
  store: CheckpointStore,
  key: { keyId: string; pem: string },
  depth = 10,
): Promise<{
  latest?: { checkpoint: SignedCheckpoint; valid: boolean };
  trusted?: SignedCheckpoint;
}> {
  const { items } = await store.list(depth);
  const first = items[0];
  if (first === undefined) return {};
  const trusted = items.find((checkpoint) => checkpointValid(checkpoint, key));
  return {
    latest: { checkpoint: first, valid: trusted === first },
    ...(trusted === undefined ? {} : { trusted }),
  };
}
