import { revokeSessionRoute as contract } from '../../shared/contracts/identity-users';
import { apiHandler, type Route } from '../../shared/http/api-handler';
import { createLogger } from '../../shared/logging/logger';
import { auditDeps, identityCore } from './deps';
import { requestContext } from './request-context';
import { revokeSession, type SessionsDeps } from './sessions';

/** `DELETE /api/users/me/sessions/{id}`: 404 for anything but the caller's live session. */
export const revokeSessionRoute =
  (deps: SessionsDeps): Route<typeof contract> =>
  async (request) => {
    await revokeSession(deps, request.identity, request.params.id, requestContext(request));
    return { data: { id: request.params.id, revoked: true } };
  };

const core = identityCore();
export const handler = apiHandler(
  contract,
  revokeSessionRoute({ ...core, ...auditDeps(core) }),
  createLogger('users'),
);
