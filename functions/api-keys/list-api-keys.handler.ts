import { listApiKeysRoute as contract } from '../../shared/contracts/api-keys';
import { apiHandler, type Route } from '../../shared/http/api-handler';
import { apiKeysLogger, buildListDeps } from './deps';
import { listApiKeys } from './manage-api-keys';
import type { ApiKeyPorts } from './ports';
import { toView } from './view';

/** `GET /api/api-keys`: the caller's keys (at most ten, so one page). */
export const listApiKeysRoute =
  (deps: Pick<ApiKeyPorts, 'store' | 'usage' | 'clock'>): Route<typeof contract> =>
  async (request) => {
    const views = await listApiKeys(deps, request.identity.userId);
    return { data: { items: views.map(toView), next_cursor: null } };
  };

export const handler = apiHandler(contract, listApiKeysRoute(buildListDeps()), apiKeysLogger);
