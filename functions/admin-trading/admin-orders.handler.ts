import { adminOrdersRoute as contract } from '../../shared/contracts/trading-admin';
import { apiHandler, type Route } from '../../shared/http/api-handler';
import { orderView } from '../orders/order-view';
import { adminTradingLogger, buildAdminReadDeps } from './deps';
import type { AdminQueries } from './ports';

/** `GET /api/admin/orders`: one user's, one market's or every market's orders. */
export const adminOrdersRoute =
  (deps: { queries: AdminQueries }): Route<typeof contract> =>
  async (request) => {
    const { user_id: userId, ...rest } = request.query;
    const page = await deps.queries.orders({ ...rest, userId });
    return {
      data: {
        items: page.items.map((order) => ({ ...orderView(order), user_id: order.user_id })),
        next_cursor: page.nextCursor,
      },
    };
  };

export const handler = apiHandler(
  contract,
  adminOrdersRoute(buildAdminReadDeps()),
  adminTradingLogger,
);
