import { adminTradesRoute as contract } from '../../shared/contracts/trading-admin';
import { apiHandler, type Route } from '../../shared/http/api-handler';
import { adminTradingLogger, buildAdminReadDeps } from './deps';
import type { AdminQueries } from './ports';
import { adminTradeView } from './views';

/** `GET /api/admin/trades`: one market's or every market's trades, newest first. */
export const adminTradesRoute =
  (deps: { queries: AdminQueries }): Route<typeof contract> =>
  async (request) => {
    const page = await deps.queries.trades(request.query);
    return { data: { items: page.items.map(adminTradeView), next_cursor: page.nextCursor } };
  };

export const handler = apiHandler(
  contract,
  adminTradesRoute(buildAdminReadDeps()),
  adminTradingLogger,
);
