import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../../shared/audit/canonical-json';
import {
  AUDIT_CHAIN_COUNT,
  GENESIS_HASH,
  MAX_DETAILS_BYTES,
  chainFor,
  chainHash,
  parseRecordId,
  recordId,
  sealRecord,
  unsealed,
} from '../../../shared/audit/audit-record';
import { REDACTED } from '../../../shared/logging/redact';
import { entry } from './support/fakes';

const position = { chain: 3, seq: 7, at: '2025-03-01T10:00:00.123Z', prevHash: GENESIS_HASH };

describe('sealRecord', () => {
  it('hashes the previous hash followed by the canonical record', () => {
    const prevHash = 'a'.repeat(64);

    const record = sealRecord(entry(), { ...position, prevHash });

    const { hash: _h, prev_hash: _p, ...body } = record;
    const expected = createHash('sha256')
      .update(prevHash + canonicalJson(body))
      .digest('hex');
    expect(record.hash).toBe(expected);
    expect(record.prev_hash).toBe(prevHash);
    expect(record).toMatchObject({ id: '20250301T100000123Z-03-000000000007', chain: 3, seq: 7 });
  });

  it('changes the hash when any field or the previous hash changes', () => {
    const base = sealRecord(entry(), position);

    const changed = [
      sealRecord(entry({ action: 'order.cancelled' }), position),
      sealRecord(entry({ result: 'denied' }), position),
      sealRecord(entry({ details: { symbol: 'BTCUSDT', quantity: '0.6' } }), position),
      sealRecord(entry(), { ...position, prevHash: 'b'.repeat(64) }),
    ];

    for (const record of changed) expect(record.hash).not.toBe(base.hash);
  });

  it('redacts secret-named keys in details at any depth', () => {
    const record = sealRecord(
      entry({
        details: { api_secret: 's3cr3t', nested: { password: 'hunter2', kept: 'yes' } },
      }),
      position,
    );

    expect(record.details).toEqual({
      api_secret: REDACTED,
      nested: { password: REDACTED, kept: 'yes' },
    });
    expect(JSON.stringify(record)).not.toMatch(/s3cr3t|hunter2/);
  });

  it('replaces oversized details with their size and digest', () => {
    const record = sealRecord(
      entry({ details: { blob: 'x'.repeat(MAX_DETAILS_BYTES) } }),
      position,
    );

    expect(record.details).toMatchObject({
      truncated: true,
      sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
  });

  it('recomputes to the same hash from the stored record', () => {
    const record = sealRecord(entry(), position);

    expect(chainHash(record.prev_hash, unsealed(record))).toBe(record.hash);
  });

  it('seals free text that a UTF-8 store gives back unchanged, however it is cut', () => {
    const utf8 = (text: string) => Buffer.from(text, 'utf8').toString('utf8');
    const record = sealRecord(
      {
        ...entry(),
        userAgent: `${'a'.repeat(511)}\u{1F600} and more`,
        resource: { type: 'order', id: 'lone \uD800 surrogate' },
      },
      position,
    );

    expect(record.user_agent).toBe('a'.repeat(511));
    expect(record.resource.id).toBe('lone \uFFFD surrogate');
    const stored = {
      ...record,
      user_agent: utf8(record.user_agent!),
      resource: { ...record.resource, id: utf8(record.resource.id) },
    };
    expect(chainHash(stored.prev_hash, unsealed(stored))).toBe(record.hash);
  });
});

describe('record ids and chains', () => {
  it('round-trips an id to its time, chain and seq', () => {
    const id = recordId('2025-12-31T23:59:59.999Z', 7, 42);

    expect(parseRecordId(id)).toEqual({ at: '2025-12-31T23:59:59.999Z', chain: 7, seq: 42 });
    expect(parseRecordId('not-an-id')).toBeUndefined();
  });

  it('sorts ids by time, then chain, then seq', () => {
    const ids = [
      recordId('2025-03-01T10:00:00.001Z', 0, 9),
      recordId('2025-03-01T10:00:00.000Z', 5, 1),
      recordId('2025-03-01T10:00:00.000Z', 1, 10),
      recordId('2025-03-01T10:00:00.000Z', 1, 2),
    ];

    expect([...ids].sort()).toEqual([ids[3], ids[2], ids[1], ids[0]]);
  });

  it('puts a resource in the same chain every time and spreads resources over all chains', () => {
    const chains = new Set(
      Array.from({ length: 200 }, (_, i) => chainFor({ type: 'user', id: `user-${i}` })),
    );

    expect(chainFor({ type: 'order', id: 'o-1' })).toBe(chainFor({ type: 'order', id: 'o-1' }));
    expect(chains.size).toBe(AUDIT_CHAIN_COUNT);
  });
});
