import { adjustBalanceRoute as contract } from '../../shared/contracts/trading-admin';
import { apiHandler, type Route } from '../../shared/http/api-handler';
import { callerOf } from '../balances/caller';
import { balanceView } from '../balances/views';
import { adjustBalance, type AdjustDeps } from './adjust-balance';
import { adminTradingLogger, buildAdminWriteDeps } from './deps';

/** `POST /api/admin/users/{id}/balances/adjust`: the user's new balance. */
export const adjustBalanceRoute =
  (deps: AdjustDeps): Route<typeof contract> =>
  async (request) => ({
    data: balanceView(
      await adjustBalance(deps, callerOf(request), request.params.id, request.body),
    ),
  });

export const handler = apiHandler(
  contract,
  adjustBalanceRoute(buildAdminWriteDeps()),
  adminTradingLogger,
);
