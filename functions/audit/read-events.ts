import type { AuditLog } from '../../shared/audit/audit-log';
import type { AuditRecord } from '../../shared/audit/audit-record';
import type { AuditEventsQuery } from '../../shared/contracts/audit';
import { NotFoundError } from '../../shared/domain/errors';
import { recordAuditUse, type Caller } from './audit-reads';
import { decodeCursor, describeFilters, encodeCursor, toFilter } from './filters';
import type { AuditReader } from './ports';

export interface ReadDeps {
  readonly reader: AuditReader;
  readonly audit: AuditLog;
}

/** A page of records, newest first; the read itself is audited as `audit.read`. */
export async function listEvents(
  deps: ReadDeps,
  query: AuditEventsQuery,
  caller: Caller,
): Promise<{ items: AuditRecord[]; next_cursor: string | null }> {
  const page = await deps.reader.list({
    filter: toFilter(query),
    limit: query.limit,
    ...(query.cursor === undefined ? {} : { before: decodeCursor(query.cursor) }),
  });
  await recordAuditUse(deps.audit, caller, 'audit.read', 'events', {
    filters: describeFilters(query),
    count: page.items.length,
  });
  return {
    items: [...page.items],
    next_cursor: page.before === undefined ? null : encodeCursor(page.before),
  };
}

/** One record with its chain position and hash; 404 when no record has this id. */
export async function getEvent(deps: ReadDeps, id: string, caller: Caller): Promise<AuditRecord> {
  const record = await deps.reader.get(id);
  if (record === undefined) throw new NotFoundError('No audit record has this id');
  await recordAuditUse(deps.audit, caller, 'audit.read', id, {});
  return record;
}
