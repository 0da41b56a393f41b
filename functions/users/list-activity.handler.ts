import { listActivityRoute as contract } from '../../shared/contracts/identity-users';
import { apiHandler, type Route } from '../../shared/http/api-handler';
import { createLogger } from '../../shared/logging/logger';
import { identityCore } from './deps';
import type { ActivityLog } from './ports';
import { activityView, pageView } from './views';

/** `GET /api/users/me/activity`: newest first. */
export const listActivityRoute =
  (deps: { activity: ActivityLog }): Route<typeof contract> =>
  async (request) => {
    const page = await deps.activity.list(request.identity.userId, request.query);
    return { data: pageView(page, activityView) };
  };

export const handler = apiHandler(
  contract,
  listActivityRoute(identityCore()),
  createLogger('users'),
);
