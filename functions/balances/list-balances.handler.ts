import { listBalancesRoute as contract } from '../../shared/contracts/trading-account';
import { apiHandler, type Route } from '../../shared/http/api-handler';
import { accountLogger, buildAccountReadDeps } from './deps';
import type { BalanceStore } from './ports';
import { balancesView } from './views';

/** `GET /api/account/balances`: every listed asset, zero when never funded. */
export const listBalancesRoute =
  (deps: { balances: BalanceStore }): Route<typeof contract> =>
  async (request) => ({
    data: { items: balancesView(await deps.balances.list(request.identity.userId)) },
  });

export const handler = apiHandler(
  contract,
  listBalancesRoute(buildAccountReadDeps()),
  accountLogger,
);
