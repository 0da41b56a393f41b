import { setUserStatusRoute as contract } from '../../shared/contracts/identity-admin';
import { apiHandler, type Route } from '../../shared/http/api-handler';
import { createLogger } from '../../shared/logging/logger';
import { auditDeps, identityCore } from '../users/deps';
import { requestContext } from '../users/request-context';
import { userView } from '../users/views';
import { changeUserStatus, type ChangeStatusDeps } from './change-status';

/** `PUT /api/admin/users/{id}/status`: suspend, reactivate or close, with a reason. */
export const setUserStatusRoute =
  (deps: ChangeStatusDeps): Route<typeof contract> =>
  async (request) => {
    const profile = await changeUserStatus(
      deps,
      request.identity,
      request.params.id,
      request.body,
      requestContext(request),
    );
    return { data: userView(profile) };
  };

const core = identityCore();
export const handler = apiHandler(
  contract,
  setUserStatusRoute({ ...core, ...auditDeps(core) }),
  createLogger('admin'),
);
