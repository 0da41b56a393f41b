import { getUserRoute as contract } from '../../shared/contracts/identity-admin';
import { NotFoundError } from '../../shared/domain/errors';
import { apiHandler, type Route } from '../../shared/http/api-handler';
import { createLogger } from '../../shared/logging/logger';
import { identityCore } from '../users/deps';
import type { UserRepository } from '../users/ports';
import { statusChangeView, userView } from '../users/views';

const HISTORY_SHOWN = 50;

/** `GET /api/admin/users/{id}`: the account and its latest status changes. */
export const getUserRoute =
  (deps: { users: UserRepository }): Route<typeof contract> =>
  async (request) => {
    const [profile, history] = await Promise.all([
      deps.users.get(request.params.id),
      deps.users.statusHistory(request.params.id, HISTORY_SHOWN),
    ]);
    if (profile === undefined) throw new NotFoundError('No such user');
    return { data: { ...userView(profile), status_history: history.map(statusChangeView) } };
  };

export const handler = apiHandler(contract, getUserRoute(identityCore()), createLogger('admin'));
