import { rejectWithdrawalRoute as contract } from '../../shared/contracts/trading-admin';
import { apiHandler, type Route } from '../../shared/http/api-handler';
import { callerOf } from '../balances/caller';
import { withdrawalView } from '../balances/views';
import { decideWithdrawal, type DecideDeps } from './decide-withdrawal';
import { adminTradingLogger, buildAdminWriteDeps } from './deps';

/** `POST /api/admin/withdrawals/{id}/reject`: the locked funds return to available. */
export const rejectWithdrawalRoute =
  (deps: DecideDeps): Route<typeof contract> =>
  async (request) => {
    const withdrawal = await decideWithdrawal(
      deps,
      callerOf(request),
      request.params.id,
      false,
      request.body.reason,
    );
    return { data: { ...withdrawalView(withdrawal), user_id: withdrawal.user_id } };
  };

export const handler = apiHandler(
  contract,
  rejectWithdrawalRoute(buildAdminWriteDeps()),
  adminTradingLogger,
);
