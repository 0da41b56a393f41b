import { verifyAuditRoute as contract } from '../../shared/contracts/audit';
import { apiHandler, type Route } from '../../shared/http/api-handler';
import { recordAuditUse } from './audit-reads';
import { buildAuditDeps, type AuditDeps } from './deps';
import { verifyTrail } from './verify-trail';

/** `GET /api/audit/verify` (admin, auditor): recomputes every chain; audited as `audit.verified`. */
export const verifyRoute =
  (deps: AuditDeps): Route<typeof contract> =>
  async (request) => {
    const report = await verifyTrail(deps, request.query.from);
    await recordAuditUse(deps.audit, request, 'audit.verified', 'verify', {
      mode: report.mode,
      valid: report.valid,
      complete: report.complete,
      first_broken: report.first_broken,
    });
    return { data: report };
  };

const deps = buildAuditDeps();
export const handler = apiHandler(contract, verifyRoute(deps), deps.logger);
