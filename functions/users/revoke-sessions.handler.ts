import { revokeSessionsRoute as contract } from '../../shared/contracts/identity-users';
import { apiHandler, type Route } from '../../shared/http/api-handler';
import { createLogger } from '../../shared/logging/logger';
import { auditDeps, identityCore } from './deps';
import { requestContext } from './request-context';
import { revokeSessions, type SessionsDeps } from './sessions';

/** `DELETE /api/users/me/sessions?scope=others|all`. */
export const revokeSessionsRoute =
  (deps: SessionsDeps): Route<typeof contract> =>
  async (request) => {
    const revoked = await revokeSessions(
      deps,
      request.identity,
      request.query.scope,
      requestContext(request),
    );
    return { data: { revoked } };
  };

const core = identityCore();
export const handler = apiHandler(
  contract,
  revokeSessionsRoute({ ...core, ...auditDeps(core) }),
  createLogger('users'),
);
