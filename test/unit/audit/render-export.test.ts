import { describe, expect, it } from 'vitest';
import { GENESIS_HASH, sealRecord } from '../../../shared/audit/audit-record';
import { CSV_COLUMNS, renderRecords } from '../../../functions/audit/render-export';
import { entry } from './support/fakes';

const record = sealRecord(entry({ userAgent: '=HYPERLINK("x")', details: { note: 'a, "b"' } }), {
  chain: 1,
  seq: 1,
  at: '2025-03-01T10:00:00.000Z',
  prevHash: GENESIS_HASH,
});

describe('renderRecords', () => {
  it('writes one canonical JSON record per line as JSONL', () => {
    const text = renderRecords('jsonl', [record, record]);

    expect(text.split('\n')).toHaveLength(3);
    expect(JSON.parse(text.split('\n')[0]!)).toEqual(record);
  });

  it('writes a header and quotes cells, defusing spreadsheet formulas, as CSV', () => {
    const [header, row] = renderRecords('csv', [record]).split('\r\n');

    expect(header).toBe(CSV_COLUMNS.join(','));
    expect(row).toContain(`"'=HYPERLINK(""x"")"`);
    expect(row).toContain('"{""note"":""a, \\""b\\""""}"');
    expect(row?.endsWith(record.hash)).toBe(true);
  });
});
