import { createCheckpointRoute as contract } from '../../shared/contracts/audit';
import { apiHandler, type Route } from '../../shared/http/api-handler';
import { recordAuditUse } from './audit-reads';
import { createCheckpoint } from './checkpoints';
import { buildAuditDeps, type AuditDeps } from './deps';

/** `POST /api/audit/checkpoints` (admin): signs the heads now; audited as `audit.checkpointed`. */
export const createCheckpointRoute =
  (deps: AuditDeps): Route<typeof contract> =>
  async (request) => {
    const checkpoint = await createCheckpoint(deps);
    await recordAuditUse(deps.audit, request, 'audit.checkpointed', checkpoint.id, {
      chains: checkpoint.chains.map((c) => ({ chain: c.chain, seq: c.seq })),
    });
    return { data: checkpoint };
  };

const deps = buildAuditDeps();
export const handler = apiHandler(contract, createCheckpointRoute(deps), deps.logger);
