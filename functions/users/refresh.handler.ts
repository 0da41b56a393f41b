import { refreshRoute as contract } from '../../shared/contracts/identity-auth';
import { apiHandler, type Route } from '../../shared/http/api-handler';
import { createLogger } from '../../shared/logging/logger';
import { identityCore } from './deps';
import { refresh, type RefreshDeps } from './refresh';

/** `POST /api/auth/refresh`: a new access token while the session is live. */
export const refreshRoute =
  (deps: RefreshDeps): Route<typeof contract> =>
  async (request) => {
    const refreshed = await refresh(deps, request.body.refresh_token);
    return {
      data: {
        access_token: refreshed.accessToken,
        id_token: refreshed.idToken,
        expires_in: refreshed.expiresIn,
        token_type: 'Bearer',
        session_id: refreshed.sessionId,
      },
    };
  };

export const handler = apiHandler(contract, refreshRoute(identityCore()), createLogger('users'));
