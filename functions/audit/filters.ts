import { parseRecordId } from '../../shared/audit/audit-record';
import { ValidationError } from '../../shared/domain/errors';
import type { AuditEventsQuery } from '../../shared/contracts/audit';
import type { EventFilter } from './ports';

type FilterQuery = Omit<AuditEventsQuery, 'limit'>;

const invalid = (field: string, message: string) =>
  new ValidationError([{ field, in: 'query', message }]);

/** The query's filters with times normalised to millisecond ISO, the form record ids use. */
export function toFilter(query: FilterQuery): EventFilter {
  const from = query.from === undefined ? undefined : new Date(query.from).toISOString();
  const to = query.to === undefined ? undefined : new Date(query.to).toISOString();
  if (from !== undefined && to !== undefined && from > to) {
    throw invalid('from', 'from must not be after to');
  }
  return {
    ...(query.actor_id === undefined ? {} : { actorId: query.actor_id }),
    ...(query.actor_type === undefined ? {} : { actorType: query.actor_type }),
    ...(query.resource_type === undefined ? {} : { resourceType: query.resource_type }),
    ...(query.resource_id === undefined ? {} : { resourceId: query.resource_id }),
    ...(query.action === undefined ? {} : { action: query.action }),
    ...(query.result === undefined ? {} : { result: query.result }),
    ...(from === undefined ? {} : { from }),
    ...(to === undefined ? {} : { to }),
  };
}

/** The filters as given, for the audit record of the read and the export manifest. */
export function describeFilters(query: FilterQuery): Record<string, string> {
  const { cursor: _cursor, ...filters } = query;
  return Object.fromEntries(
    Object.entries(filters).filter((e): e is [string, string] => typeof e[1] === 'string'),
  );
}

/** The opaque cursor: the id the next page starts strictly below. */
export function encodeCursor(before: string): string {
  return Buffer.from(JSON.stringify({ b: before }), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string): string {
  return decodeWith(cursor, (before) => parseRecordId(before) !== undefined);
}

/** Checkpoint ids are `<compact time>-<8 hex>`. */
export function decodeCheckpointCursor(cursor: string): string {
  return decodeWith(cursor, (before) => /^\d{8}T\d{9}Z-[0-9a-f]{8}$/.test(before));
}

function decodeWith(cursor: string, valid: (before: string) => boolean): string {
  let before: unknown;
  try {
    before = (JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { b?: unknown }).b;
  } catch {
    before = undefined;
  }
  if (typeof before !== 'string' || !valid(before)) {
    throw invalid('cursor', 'The cursor is not valid');
  }
  return before;
}
