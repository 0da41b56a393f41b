import { getBalanceRoute as contract } from '../../shared/contracts/trading-account';
import { apiHandler, type Route } from '../../shared/http/api-handler';
import { getBalance } from './account-reads';
import { accountLogger, buildAccountReadDeps } from './deps';
import type { BalanceStore } from './ports';
import { balanceView } from './views';

/** `GET /api/account/balances/{asset}`: one balance; an unlisted asset is 404. */
export const getBalanceRoute =
  (deps: { balances: BalanceStore }): Route<typeof contract> =>
  async (request) => ({
    data: balanceView(
      await getBalance(deps.balances, request.identity.userId, request.params.asset),
    ),
  });

export const handler = apiHandler(contract, getBalanceRoute(buildAccountReadDeps()), accountLogger);
