import { feeTierRoute as contract } from '../../shared/contracts/trading-account';
import { apiHandler, type Route } from '../../shared/http/api-handler';
import { feeTierOf } from './account-reads';
import { accountLogger, buildProfileDeps } from './deps';
import type { AccountProfiles } from './ports';

/** `GET /api/account/fee-tier`: the caller's tier and rates, and the whole schedule. */
export const feeTierRoute =
  (deps: { profiles: AccountProfiles }): Route<typeof contract> =>
  async (request) => ({ data: await feeTierOf(deps.profiles, request.identity.userId) });

export const handler = apiHandler(contract, feeTierRoute(buildProfileDeps()), accountLogger);
