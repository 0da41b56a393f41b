import { chainHash, parseRecordId, unsealed } from '../../shared/audit/audit-record';
import type { VerifyReport } from '../../shared/contracts/audit';
import type { ChainEntry } from './ports';

export type ChainReport = VerifyReport['chains'][number];
export type BrokenLink = NonNullable<ChainReport['broken']>;

/** Where a walk starts: the last trusted (seq, hash); seq 0 is genesis. */
export interface WalkStart {
  readonly seq: number;
  readonly hash: string;
}

/** What the walk must reach: the head's seq, and the signed checkpoint's (seq, hash) if any. */
export interface WalkExpectations {
  readonly headSeq: number;
  readonly checkpoint?: { readonly seq: number; readonly hash: string };
  /** Records checked before answering `complete: false`. */
  readonly budget: number;
}

type Check = Omit<BrokenLink, 'chain'> | undefined;

function checkEntry(entry: ChainEntry, chain: number, expected: number, prevHash: string): Check {
  const position = parseRecordId(entry.key);
  const seq = position?.seq ?? expected;
  const { record } = entry;
  if (record === undefined) {
    return { seq, id: entry.key, reason: 'hash_mismatch', detail: 'the item is not a record' };
  }
  if (record.id !== entry.key || record.chain !== chain || record.seq !== seq) {
    const detail = `position ${entry.key} holds record ${record.id} (chain ${record.chain}, seq ${record.seq})`;
    return { seq, id: entry.key, reason: 'reordered', detail };
  }
  if (seq > expected) {
    const missing = seq - 1 === expected ? `seq ${expected} is` : `seq ${expected}..${seq - 1} are`;
    return { seq: expected, id: entry.key, reason: 'gap', detail: `${missing} missing` };
  }
  if (seq < expected) {
    const detail = `seq ${seq} appears after seq ${expected - 1}`;
    return { seq, id: entry.key, reason: 'reordered', detail };
  }
  if (record.prev_hash !== prevHash) {
    const detail = `prev_hash does not match the hash of seq ${seq - 1}`;
    return { seq, id: entry.key, reason: 'hash_mismatch', detail };
  }
  if (chainHash(record.prev_hash, unsealed(record)) !== record.hash) {
    const detail = 'the stored hash does not match the recomputed hash of the record';
    return { seq, id: entry.key, reason: 'hash_mismatch', detail };
  }
  return undefined;
}

/**
 * Recomputes one chain in storage order from a trusted start and stops at the first broken
 * link, naming it: a changed record (`hash_mismatch`), a deleted one (`gap`, or `missing` at
 * the tail, which the head or a checkpoint still counts), a moved one (`reordered`), or a
 * chain that no longer passes through its signed checkpoint (`checkpoint_mismatch`).
 */
export async function verifyChain(
  chain: number,
  entries: AsyncIterable<ChainEntry>,
  start: WalkStart,
  expect: WalkExpectations,
): Promise<ChainReport> {
  let expected = start.seq + 1;
  let prevHash = start.hash;
  let checked = 0;
  let complete = true;
  let broken: BrokenLink | undefined;
  for await (const entry of entries) {
    if (checked >= expect.budget) {
      complete = false;
      break;
    }
    const problem = checkEntry(entry, chain, expected, prevHash);
    const record = entry.record;
    const pinned = expect.checkpoint;
    if (
      problem === undefined &&
      record &&
      pinned?.seq === record.seq &&
      pinned.hash !== record.hash
    ) {
      const detail = 'the record differs from the one the signed checkpoint pins';
      broken = { chain, seq: record.seq, id: record.id, reason: 'checkpoint_mismatch', detail };
    } else if (problem !== undefined) {
      broken = { chain, ...problem };
    }
    if (broken !== undefined) break;
    prevHash = record?.hash ?? prevHash;
    expected += 1;
    checked += 1;
  }
  const last = expected - 1;
  const required = Math.max(expect.headSeq, expect.checkpoint?.seq ?? 0);
  if (broken === undefined && complete && last < required) {
    const detail = `the chain ends at seq ${last}, but its ${expect.headSeq >= required ? 'head' : 'signed checkpoint'} is at seq ${required}`;
    broken = { chain, seq: last + 1, reason: 'missing', detail };
  }
  return {
    chain,
    valid: broken === undefined,
    complete: broken !== undefined || complete,
    from_seq: start.seq + 1,
    to_seq: last,
    records_checked: checked,
    head_seq: expect.headSeq,
    ...(broken === undefined ? {} : { broken }),
  };
}
