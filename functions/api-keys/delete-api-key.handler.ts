import { deleteApiKeyRoute as contract } from '../../shared/contracts/api-keys';
import { apiHandler, type Route } from '../../shared/http/api-handler';
import { callerOf } from '../../shared/http/caller';
import { apiKeysLogger, buildDeleteDeps } from './deps';
import { deleteApiKey } from './manage-api-keys';
import type { ApiKeyPorts } from './ports';

/** `DELETE /api/api-keys/{id}`: revokes the key; another user's id is 404. */
export const deleteApiKeyRoute =
  (deps: Pick<ApiKeyPorts, 'store' | 'audit'>): Route<typeof contract> =>
  async (request) => {
    await deleteApiKey(deps, callerOf(request), request.params.id);
    return { data: { id: request.params.id, deleted: true } };
  };

export const handler = apiHandler(contract, deleteApiKeyRoute(buildDeleteDeps()), apiKeysLogger);
