import { depositRoute as contract } from '../../shared/contracts/trading-account';
import { apiHandler, type Route } from '../../shared/http/api-handler';
import { tradingCallerOf } from './caller';
import { deposit, type DepositDeps } from './deposit';
import { accountLogger, buildAccountWriteDeps } from './deps';
import { balanceView } from './views';

/** `POST /api/account/deposit`: the sandbox faucet; answers the new balance. */
export const depositRoute =
  (deps: DepositDeps): Route<typeof contract> =>
  async (request) => ({
    data: balanceView(await deposit(deps, tradingCallerOf(request, 'trade'), request.body)),
  });

export const handler = apiHandler(contract, depositRoute(buildAccountWriteDeps()), accountLogger);
