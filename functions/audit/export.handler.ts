import { exportAuditRoute as contract } from '../../shared/contracts/audit';
import { apiHandler, type Route } from '../../shared/http/api-handler';
import { buildAuditDeps } from './deps';
import { exportEvents, type ExportDeps } from './export-events';

/** `GET /api/audit/export` (admin, auditor): a signed page of records as JSONL or CSV. */
export const exportRoute =
  (deps: ExportDeps): Route<typeof contract> =>
  async (request) => ({ data: await exportEvents(deps, request.query, request) });

const deps = buildAuditDeps();
export const handler = apiHandler(contract, exportRoute(deps), deps.logger);
