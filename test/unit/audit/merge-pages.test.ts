import { describe, expect, it } from 'vitest';
import { GENESIS_HASH, sealRecord, type AuditRecord } from '../../../shared/audit/audit-record';
import { mergePages } from '../../../functions/audit/merge-pages';
import { entry } from './support/fakes';

const at = (ms: number) => new Date(Date.UTC(2025, 2, 1, 10, 0, 0, ms)).toISOString();
const record = (chain: number, seq: number, ms: number): AuditRecord =>
  sealRecord(entry(), { chain, seq, at: at(ms), prevHash: GENESIS_HASH });
const ids = (records: readonly AuditRecord[]) => records.map((r) => r.id);

describe('mergePages', () => {
  it('merges streams newest first and continues below the last record given', () => {
    const a = [record(0, 3, 50), record(0, 2, 30), record(0, 1, 10)];
    const b = [record(1, 2, 40), record(1, 1, 20)];

    const page = mergePages([{ items: a }, { items: b }], 3);

    expect(ids(page.items)).toEqual([a[0]!.id, b[0]!.id, a[1]!.id]);
    expect(page.before).toBe(a[1]!.id);
  });

  it('never gives a record below an unfinished stream’s frontier', () => {
    const finished = [record(0, 2, 40), record(0, 1, 5)];
    const unfinished = { items: [record(1, 9, 30)], frontier: record(1, 8, 25).id };

    const page = mergePages([{ items: finished }, unfinished], 10);

    expect(ids(page.items)).toEqual([finished[0]!.id, unfinished.items[0]!.id]);
    expect(page.before).toBe(unfinished.frontier);
  });

  it('has no next page when every stream was read to its end', () => {
    const page = mergePages([{ items: [record(0, 1, 1)] }, { items: [] }], 5);

    expect(page.items).toHaveLength(1);
    expect(page.before).toBeUndefined();
  });
});
