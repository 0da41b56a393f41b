import { canonicalJson } from '../../shared/audit/canonical-json';
import { flatRecord } from '../../shared/audit/audit-item';
import type { AuditRecord } from '../../shared/audit/audit-record';

/** CSV columns, in order; `details` is its canonical JSON. */
export const CSV_COLUMNS = [
  'id',
  'at',
  'chain',
  'seq',
  'actor_type',
  'actor_id',
  'actor_ip',
  'user_agent',
  'action',
  'resource_type',
  'resource_id',
  'result',
  'request_id',
  'details',
  'prev_hash',
  'hash',
] as const;

/**
 * RFC 4180 quoting. A cell a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab, CR)
 * is prefixed with `'`; JSONL, not CSV, is the form to recompute hashes from.
 */
function cell(value: string | number | undefined): string {
  if (value === undefined) return '';
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function csvRow(record: AuditRecord): string {
  const values: Record<(typeof CSV_COLUMNS)[number], string | number | undefined> = flatRecord(
    record,
    canonicalJson,
  );
  return CSV_COLUMNS.map((column) => cell(values[column])).join(',');
}

/**
 * The records as text: JSONL is one canonical JSON record per line (each line, minus `hash`
 * and `prev_hash`, is exactly what its hash covers); CSV has a header row and CRLF line ends.
 */
export function renderRecords(format: 'jsonl' | 'csv', records: readonly AuditRecord[]): string {
  if (format === 'jsonl') return records.map((r) => `${canonicalJson(r)}\n`).join('');
  return [CSV_COLUMNS.join(','), ...records.map(csvRow)].map((line) => `${line}\r\n`).join('');
}
