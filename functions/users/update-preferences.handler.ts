import { updatePreferencesRoute as contract } from '../../shared/contracts/identity-users';
import { apiHandler, type Route } from '../../shared/http/api-handler';
import { createLogger } from '../../shared/logging/logger';
import { updatePreferences } from './account';
import { identityCore } from './deps';
import type { Clock, PreferencesStore } from './ports';

/** `PUT /api/users/me/preferences`: merges the given fields. */
export const updatePreferencesRoute =
  (deps: { preferences: PreferencesStore; clock: Clock }): Route<typeof contract> =>
  async (request) => {
    const view = await updatePreferences(deps, request.identity, request.body);
    return { data: { ...view.preferences, updated_at: view.updatedAt } };
  };

export const handler = apiHandler(
  contract,
  updatePreferencesRoute(identityCore()),
  createLogger('users'),
);
