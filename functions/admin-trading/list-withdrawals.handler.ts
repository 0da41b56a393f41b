import { adminWithdrawalsRoute as contract } from '../../shared/contracts/trading-admin';
import { apiHandler, type Route } from '../../shared/http/api-handler';
import type { WithdrawalStore } from '../balances/ports';
import { withdrawalView } from '../balances/views';
import { adminTradingLogger, buildAdminReadDeps } from './deps';

/** `GET /api/admin/withdrawals`: by status, oldest first (the review queue). */
export const adminWithdrawalsRoute =
  (deps: { withdrawals: WithdrawalStore }): Route<typeof contract> =>
  async (request) => {
    const page = await deps.withdrawals.list(request.query.status, request.query);
    return {
      data: {
        items: page.items.map((w) => ({ ...withdrawalView(w), user_id: w.user_id })),
        next_cursor: page.nextCursor,
      },
    };
  };

export const handler = apiHandler(
  contract,
  adminWithdrawalsRoute(buildAdminReadDeps()),
  adminTradingLogger,
);
