import { getPreferencesRoute as contract } from '../../shared/contracts/identity-users';
import { apiHandler, type Route } from '../../shared/http/api-handler';
import { createLogger } from '../../shared/logging/logger';
import { getPreferences } from './account';
import { identityCore } from './deps';
import type { PreferencesStore } from './ports';

/** `GET /api/users/me/preferences`: saved, or the defaults (`updated_at: null`). */
export const getPreferencesRoute =
  (deps: { preferences: PreferencesStore }): Route<typeof contract> =>
  async (request) => {
    const view = await getPreferences(deps.preferences, request.identity);
    return { data: { ...view.preferences, updated_at: view.updatedAt } };
  };

export const handler = apiHandler(
  contract,
  getPreferencesRoute(identityCore()),
  createLogger('users'),
);
