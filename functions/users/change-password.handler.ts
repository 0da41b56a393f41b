import { changePasswordRoute as contract } from '../../shared/contracts/identity-auth';
import { apiHandler, type Route } from '../../shared/http/api-handler';
import { createLogger } from '../../shared/logging/logger';
import { auditDeps, identityCore, throttleDeps } from './deps';
import { changePassword, type PasswordDeps } from './passwords';
import { bearerToken, requestContext } from './request-context';

/** `POST /api/auth/change-password`: new password; every other session is revoked. */
export const changePasswordRoute =
  (deps: PasswordDeps): Route<typeof contract> =>
  async (request) => {
    const revoked = await changePassword(
      deps,
      request.identity,
      {
        accessToken: bearerToken(request.headers),
        previous: request.body.previous_password,
        proposed: request.body.proposed_password,
      },
      requestContext(request),
    );
    return { data: { changed: true, sessions_revoked: revoked } };
  };

const core = identityCore();
export const handler = apiHandler(
  contract,
  changePasswordRoute({ ...core, ...auditDeps(core), ...throttleDeps(core) }),
  createLogger('users'),
);
