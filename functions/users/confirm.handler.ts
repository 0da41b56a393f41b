import { confirmRoute as contract } from '../../shared/contracts/identity-auth';
import { apiHandler, type Route } from '../../shared/http/api-handler';
import { createLogger } from '../../shared/logging/logger';
import { confirmRegistration, type ConfirmDeps } from './confirm-registration';
import { auditDeps, identityCore, throttleDeps } from './deps';
import { requestContext } from './request-context';

/** `POST /api/auth/confirm`: the mailed code makes the account ACTIVE. */
export const confirmRoute =
  (deps: ConfirmDeps): Route<typeof contract> =>
  async (request) => ({
    data: await confirmRegistration(deps, request.body, requestContext(request)),
  });

const core = identityCore();
export const handler = apiHandler(
  contract,
  confirmRoute({ ...core, ...auditDeps(core), ...throttleDeps(core) }),
  createLogger('users'),
);
