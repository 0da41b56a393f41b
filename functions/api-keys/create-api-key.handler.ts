import { createApiKeyRoute as contract } from '../../shared/contracts/api-keys';
import { apiHandler, type Route } from '../../shared/http/api-handler';
import { callerOf } from '../../shared/http/caller';
import { createApiKey, type CreateApiKeyDeps } from './create-api-key';
import { apiKeysLogger, buildCreateDeps } from './deps';
import { baseView } from './view';

/** `POST /api/api-keys`: 201 with the key and, this once only, its secret. */
export const createApiKeyRoute =
  (deps: CreateApiKeyDeps): Route<typeof contract> =>
  async (request) => {
    const created = await createApiKey(deps, callerOf(request), request.body);
    return { data: { ...baseView(created), api_secret: created.secret }, status: 201 };
  };

export const handler = apiHandler(contract, createApiKeyRoute(buildCreateDeps()), apiKeysLogger);
