import { listAuditEventsRoute as contract } from '../../shared/contracts/audit';
import { apiHandler, type Route } from '../../shared/http/api-handler';
import { buildAuditReadDeps } from './deps';
import { listEvents, type ReadDeps } from './read-events';

/** `GET /api/audit/events` (admin, auditor): a filtered page of records, newest first. */
export const listEventsRoute =
  (deps: ReadDeps): Route<typeof contract> =>
  async (request) => ({ data: await listEvents(deps, request.query, request) });

const deps = buildAuditReadDeps();
export const handler = apiHandler(contract, listEventsRoute(deps), deps.logger);
