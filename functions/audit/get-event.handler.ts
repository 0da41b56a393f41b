import { getAuditEventRoute as contract } from '../../shared/contracts/audit';
import { apiHandler, type Route } from '../../shared/http/api-handler';
import { buildAuditReadDeps } from './deps';
import { getEvent, type ReadDeps } from './read-events';

/** `GET /api/audit/events/{id}` (admin, auditor): one record with its chain position. */
export const getEventRoute =
  (deps: ReadDeps): Route<typeof contract> =>
  async (request) => ({ data: await getEvent(deps, request.params.id, request) });

const deps = buildAuditReadDeps();
export const handler = apiHandler(contract, getEventRoute(deps), deps.logger);
