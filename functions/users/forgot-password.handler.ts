import { forgotPasswordRoute as contract } from '../../shared/contracts/identity-auth';
import { apiHandler, type Route } from '../../shared/http/api-handler';
import { createLogger } from '../../shared/logging/logger';
import { auditDeps, identityCore, throttleDeps } from './deps';
import { forgotPassword, type PasswordDeps } from './passwords';
import { requestContext } from './request-context';

/** `POST /api/auth/forgot-password`: 202 whether or not the address has an account. */
export const forgotPasswordRoute =
  (deps: PasswordDeps): Route<typeof contract> =>
  async (request) => {
    await forgotPassword(deps, request.body.email, requestContext(request));
    return { data: { accepted: true } };
  };

const core = identityCore();
export const handler = apiHandler(
  contract,
  forgotPasswordRoute({ ...core, ...auditDeps(core), ...throttleDeps(core) }),
  createLogger('users'),
);
