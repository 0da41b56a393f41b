import {
  AUDIT_CHAIN_COUNT,
  GENESIS_HASH,
  chainHash,
  unsealed,
} from '../../shared/audit/audit-record';
import type { VerifyReport } from '../../shared/contracts/audit';
import { findCheckpoints } from './checkpoints';
import type { AuditReader, ChainHead, CheckpointSigner, CheckpointStore, Clock } from './ports';
import { verifyChain, type BrokenLink, type ChainReport } from './verify-chain';

export interface VerifyDeps {
  readonly reader: AuditReader;
  readonly store: CheckpointStore;
  readonly signer: CheckpointSigner;
  readonly clock: Clock;
  /** Records checked per chain in one call. */
  readonly budget: number;
}

type CheckpointHead = { seq: number; hash: string; last_id?: string | undefined };

async function verifyOne(
  deps: VerifyDeps,
  chain: number,
  head: ChainHead | undefined,
  pinned: CheckpointHead | undefined,
  fromCheckpoint: boolean,
): Promise<ChainReport> {
  const headSeq = head?.seq ?? 0;
  const expect = {
    headSeq,
    budget: deps.budget,
    ...(pinned === undefined ? {} : { checkpoint: { seq: pinned.seq, hash: pinned.hash } }),
  };
  if (!fromCheckpoint || pinned === undefined || pinned.last_id === undefined) {
    return verifyChain(chain, deps.reader.walk(chain), { seq: 0, hash: GENESIS_HASH }, expect);
  }
  const anchor = await deps.reader.get(pinned.last_id);
  const intact =
    anchor !== undefined &&
    anchor.hash === pinned.hash &&
    chainHash(anchor.prev_hash, unsealed(anchor)) === anchor.hash;
  if (!intact) {
    const reason = anchor === undefined ? 'missing' : 'checkpoint_mismatch';
    const detail =
      anchor === undefined
        ? 'the record the signed checkpoint pins is gone'
        : 'the record differs from the one the signed checkpoint pins';
    const broken = { chain, seq: pinned.seq, id: pinned.last_id, reason, detail } as const;
    return {
      chain,
      valid: false,
      complete: true,
      from_seq: pinned.seq,
      to_seq: pinned.seq - 1,
      records_checked: 0,
      head_seq: headSeq,
      broken,
    };
  }
  return verifyChain(chain, deps.reader.walk(chain, pinned.last_id), pinned, expect);
}

/**
 * A chain whose head item is unreadable cannot be shown whole: the head is what proves no tail
 * was deleted. Its records are still walked, so an earlier broken link is named first.
 */
function withHead(report: ChainReport, head: ChainHead | undefined): ChainReport {
  if (head?.damaged !== true || report.broken !== undefined || !report.complete) return report;
  const detail = 'the chain head item is unreadable, so a deleted tail cannot be ruled out';
  const broken: BrokenLink = {
    chain: report.chain,
    seq: report.to_seq + 1,
    reason: 'head_damaged',
    detail,
  };
  return { ...report, valid: false, broken };
}

/**
 * Recomputes every chain, in parallel, from the newest checkpoint whose signature holds (or
 * from genesis when asked, or when there is none). Heads are read first: records only ever
 * grow, so a chain that ends before its head was read has lost records. A newest checkpoint
 * with a bad signature makes the trail invalid on its own: someone forged or altered it.
 */
export async function verifyTrail(
  deps: VerifyDeps,
  mode: 'checkpoint' | 'genesis',
): Promise<VerifyReport> {
  const [heads, key] = await Promise.all([deps.reader.heads(), deps.signer.publicKey()]);
  const { latest, trusted } = await findCheckpoints(deps.store, key);
  const chains = await Promise.all(
    Array.from({ length: AUDIT_CHAIN_COUNT }, async (_, chain) => {
      const head = heads.find((h) => h.chain === chain);
      const pinned = trusted?.chains.find((c) => c.chain === chain);
      return withHead(await verifyOne(deps, chain, head, pinned, mode === 'checkpoint'), head);
    }),
  );
  const firstBroken = chains.find((c) => c.broken !== undefined)?.broken ?? null;
  const signatureOk = latest === undefined || latest.valid;
  return {
    valid: firstBroken === null && signatureOk,
    complete: chains.every((c) => c.complete),
    mode,
    checked_at: deps.clock.now().toISOString(),
    checkpoint:
      latest === undefined
        ? null
        : { id: latest.checkpoint.id, at: latest.checkpoint.at, signature_valid: latest.valid },
    chains,
    first_broken: firstBroken,
  };
}
