import { withinSortKeyRange, type SortKeyRange } from '../../shared/aws/key-range';
import { ValidationError } from '../../shared/domain/errors';

type Key = Record<string, string>;

/** The start key of a table Query: exactly the table's keys. */
export const TABLE_KEYS = ['pk', 'sk'] as const;
/** The start key of an index Query: the table's keys and the index's. */
export const indexKeys = (index: 'gsi1' | 'gsi2') => [...TABLE_KEYS, `${index}pk`, `${index}sk`];

/** The opaque `next_cursor` of a page: the DynamoDB key to continue after, base64url JSON. */
export function encodeCursor(key: Record<string, unknown> | undefined): string | null {
  if (key === undefined) return null;
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

const invalid = (): ValidationError =>
  new ValidationError([{ field: 'cursor', in: 'query', message: 'Is not a cursor of this list' }]);

/**
 * Reads a cursor back, refusing anything this list did not hand out: exactly the key
 * attributes its Query's start key has (`attributes`), all strings, the partition it was
 * issued for (`expected`) and a sort key inside the query's condition (`sort`), so a forged or
 * stale cursor can neither reach another user's items nor make DynamoDB fail with a 500.
 */
export function decodeCursor(
  cursor: string | undefined,
  attributes: readonly string[],
  expected: Readonly<Record<string, string>>,
  sort?: SortKeyRange,
): Key | undefined {
  if (cursor === undefined) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw invalid();
  const entries = Object.entries(value as Record<string, unknown>);
  const names = entries.map(([name]) => name).sort();
  if (names.join(',') !== [...attributes].sort().join(',')) throw invalid();
  if (entries.some(([, v]) => typeof v !== 'string')) throw invalid();
  const key = value as Key;
  if (Object.entries(expected).some(([name, v]) => key[name] !== v)) throw invalid();
  if (sort !== undefined && !withinSortKeyRange(key, sort)) throw invalid();
  return key;
}
