import { logoutRoute as contract } from '../../shared/contracts/identity-auth';
import { apiHandler, type Route } from '../../shared/http/api-handler';
import { createLogger } from '../../shared/logging/logger';
import type { IdentityProvider } from './identity-provider';
import { auditDeps, identityCore } from './deps';
import { requestContext } from './request-context';
import { logout, type SessionsDeps } from './sessions';

/** `POST /api/auth/logout`: revokes the caller's session. */
export const logoutRoute =
  (deps: SessionsDeps & { idp: IdentityProvider }): Route<typeof contract> =>
  async (request) => {
    const sessionId = await logout(
      deps,
      request.identity,
      request.body.refresh_token,
      requestContext(request),
    );
    return { data: { session_id: sessionId, revoked: true } };
  };

const core = identityCore();
export const handler = apiHandler(
  contract,
  logoutRoute({ ...core, ...auditDeps(core) }),
  createLogger('users'),
);
