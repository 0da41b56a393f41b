import { updateProfileRoute as contract } from '../../shared/contracts/identity-users';
import { apiHandler, type Route } from '../../shared/http/api-handler';
import { createLogger } from '../../shared/logging/logger';
import { updateProfile } from './account';
import { auditDeps, identityCore } from './deps';
import type { UserRepository } from './ports';
import { requestContext } from './request-context';
import type { SecurityEventDeps } from './security-events';
import { userView } from './views';

/** `PUT /api/auth/profile`: the display name. */
export const updateProfileRoute =
  (deps: SecurityEventDeps & { users: UserRepository }): Route<typeof contract> =>
  async (request) => {
    const profile = await updateProfile(
      deps,
      request.identity,
      request.body.username,
      requestContext(request),
    );
    return { data: userView(profile) };
  };

const core = identityCore();
export const handler = apiHandler(
  contract,
  updateProfileRoute({ ...core, ...auditDeps(core) }),
  createLogger('users'),
);
