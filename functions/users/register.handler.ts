import { registerRoute as contract } from '../../shared/contracts/identity-auth';
import { apiHandler, type Route } from '../../shared/http/api-handler';
import { createLogger } from '../../shared/logging/logger';
import { auditDeps, identityCore, mailerDeps, throttleDeps } from './deps';
import { register, type RegisterDeps } from './register';
import { requestContext } from './request-context';

/** `POST /api/auth/register`: the same 201 for a new and a registered address. */
export const registerRoute =
  (deps: RegisterDeps): Route<typeof contract> =>
  async (request) => {
    const { email, password, username } = request.body;
    const result = await register(deps, { email, password, username }, requestContext(request));
    return { data: { user_id: result.userId, email: result.email, status: result.status } };
  };

const core = identityCore();
export const handler = apiHandler(
  contract,
  registerRoute({ ...core, ...auditDeps(core), ...throttleDeps(core), mailer: mailerDeps() }),
  createLogger('users'),
);
