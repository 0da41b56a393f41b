import { ValidationError } from '../domain/errors';
import { withinSortKeyRange, type SortKeyRange } from './key-range';

/**
 * Opaque page cursors: the DynamoDB key to continue after, as base64url JSON. A cursor comes
 * back from the client, so it is checked before use: string values only, and the partition it
 * points into must be the one the query reads (a cursor cannot move a caller into another
 * account's partition).
 */
export type StoredKey = Readonly<Record<string, string>>;

/** The start key of a table Query: exactly the table's keys. */
export const TABLE_KEYS = ['pk', 'sk'] as const;
/** The start key of an index Query: the table's keys and the index's. */
export const indexKeys = (index: 'gsi1' | 'gsi2') => [...TABLE_KEYS, `${index}pk`, `${index}sk`];

export function encodeCursor(key: Record<string, unknown> | undefined): string | null {
  if (key === undefined) return null;
  return Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
}

const invalid = () =>
  new ValidationError([{ field: 'cursor', in: 'query', message: 'Invalid cursor' }]);

/** Decodes any JSON object of strings; throws a VALIDATION_ERROR naming `cursor` otherwise. */
export function decodeJson(cursor: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (typeof value !== 'object' || value === null || Array.isArray(value)) throw invalid();
    return value as Record<string, unknown>;
  } catch {
    throw invalid();
  }
}

/**
 * Decodes a cursor into an exclusive start key whose `partition` attribute equals `value`,
 * whose attributes are exactly `attributes`, all strings, and whose sort key lies in `sort`,
 * the query's sort-key condition (a cursor of another range or list is refused).
 */
export function decodeCursor(
  cursor: string | undefined,
  attributes: readonly string[],
  partition: { readonly name: string; readonly value: string },
  sort?: SortKeyRange,
): StoredKey | undefined {
  if (cursor === undefined) return undefined;
  const raw = decodeJson(cursor);
  const keys = Object.keys(raw).sort();
  if (keys.join(',') !== [...attributes].sort().join(',')) throw invalid();
  // DynamoDB refuses an empty key attribute (a 500 if it got that far).
  if (!keys.every((key) => typeof raw[key] === 'string' && raw[key] !== '')) throw invalid();
  if (raw[partition.name] !== partition.value) throw invalid();
  if (sort !== undefined && !withinSortKeyRange(raw, sort)) throw invalid();
  return raw as StoredKey;
}
