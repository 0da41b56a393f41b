import { resetPasswordRoute as contract } from '../../shared/contracts/identity-auth';
import { apiHandler, type Route } from '../../shared/http/api-handler';
import { createLogger } from '../../shared/logging/logger';
import { auditDeps, identityCore, throttleDeps } from './deps';
import { resetPassword, type PasswordDeps } from './passwords';
import { requestContext } from './request-context';

/** `POST /api/auth/reset-password`: mailed code + new password; every session is revoked. */
export const resetPasswordRoute =
  (deps: PasswordDeps): Route<typeof contract> =>
  async (request) => {
    await resetPassword(deps, request.body, requestContext(request));
    return { data: { reset: true } };
  };

const core = identityCore();
export const handler = apiHandler(
  contract,
  resetPasswordRoute({ ...core, ...auditDeps(core), ...throttleDeps(core) }),
  createLogger('users'),
);
