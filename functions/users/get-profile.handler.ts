import { getProfileRoute as contract } from '../../shared/contracts/identity-users';
import { apiHandler, type Route } from '../../shared/http/api-handler';
import { createLogger } from '../../shared/logging/logger';
import { getProfile } from './account';
import { identityCore } from './deps';
import type { UserRepository } from './ports';
import { userView } from './views';

/** `GET /api/auth/profile`. */
export const getProfileRoute =
  (deps: { users: UserRepository }): Route<typeof contract> =>
  async (request) => ({ data: userView(await getProfile(deps.users, request.identity)) });

export const handler = apiHandler(contract, getProfileRoute(identityCore()), createLogger('users'));
