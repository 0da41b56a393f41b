import { listCheckpointsRoute as contract } from '../../shared/contracts/audit';
import { apiHandler, type Route } from '../../shared/http/api-handler';
import { recordAuditUse } from './audit-reads';
import { buildAuditDeps, type AuditDeps } from './deps';
import { decodeCheckpointCursor, encodeCursor } from './filters';

/** `GET /api/audit/checkpoints` (admin, auditor): signed checkpoints, newest first. */
export const listCheckpointsRoute =
  (deps: AuditDeps): Route<typeof contract> =>
  async (request) => {
    const { limit, cursor } = request.query;
    const before = cursor === undefined ? undefined : decodeCheckpointCursor(cursor);
    const page = await deps.store.list(limit, before);
    await recordAuditUse(deps.audit, request, 'audit.read', 'checkpoints', {
      count: page.items.length,
    });
    const next = page.before === undefined ? null : encodeCursor(page.before);
    return { data: { items: page.items, next_cursor: next } };
  };

const deps = buildAuditDeps();
export const handler = apiHandler(contract, listCheckpointsRoute(deps), deps.logger);
