import { setUserGroupsRoute as contract } from '../../shared/contracts/identity-admin';
import { apiHandler, type Route } from '../../shared/http/api-handler';
import { createLogger } from '../../shared/logging/logger';
import { auditDeps, identityCore } from '../users/deps';
import { requestContext } from '../users/request-context';
import { userView } from '../users/views';
import { setUserGroups, type GroupsDeps } from './set-groups';

/** `PUT /api/admin/users/{id}/groups`: the account's roles. */
export const setUserGroupsRoute =
  (deps: GroupsDeps): Route<typeof contract> =>
  async (request) => {
    const profile = await setUserGroups(
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
  setUserGroupsRoute({ ...core, ...auditDeps(core) }),
  createLogger('admin'),
);
