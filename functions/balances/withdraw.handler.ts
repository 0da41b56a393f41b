import { withdrawRoute as contract } from '../../shared/contracts/trading-account';
import { apiHandler, type Route } from '../../shared/http/api-handler';
import { tradingCallerOf } from './caller';
import { accountLogger, buildWithdrawDeps } from './deps';
import { withdrawalView } from './views';
import { withdraw, type WithdrawDeps } from './withdraw';

/** `POST /api/account/withdraw`: 201 with the withdrawal, PENDING an admin's decision. */
export const withdrawRoute =
  (deps: WithdrawDeps): Route<typeof contract> =>
  async (request) => ({
    data: withdrawalView(await withdraw(deps, tradingCallerOf(request, 'session'), request.body)),
    status: 201,
  });

export const handler = apiHandler(contract, withdrawRoute(buildWithdrawDeps()), accountLogger);
