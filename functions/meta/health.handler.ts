import { healthRoute as contract } from '../../shared/contracts/meta';
import { apiHandler, type Route } from '../../shared/http/api-handler';
import { checkHealth } from './check-health';
import { buildHealthDeps, type HealthDeps } from './deps';

/** `GET /api/health`: 200 when every dependency is up, 503 with the same report otherwise. */
export const healthRoute =
  (deps: HealthDeps): Route<typeof contract> =>
  async () => {
    const health = await checkHealth(deps.probes, deps.clock, deps.version);
    return { data: health, status: health.status === 'ok' ? 200 : 503 };
  };

const deps = buildHealthDeps();
export const handler = apiHandler(contract, healthRoute(deps), deps.logger);
