import { accountTradesRoute as contract } from '../../shared/contracts/trading-account';
import { apiHandler, type Route } from '../../shared/http/api-handler';
import { accountLogger, buildAccountReadDeps } from './deps';
import type { AccountHistory } from './ports';
import { tradeView } from './views';

/** `GET /api/account/trades`: the caller's fills (written by settlement), newest first. */
export const accountTradesRoute =
  (deps: { history: AccountHistory }): Route<typeof contract> =>
  async (request) => {
    const page = await deps.history.trades(request.identity.userId, request.query);
    return { data: { items: page.items.map(tradeView), next_cursor: page.nextCursor } };
  };

export const handler = apiHandler(
  contract,
  accountTradesRoute(buildAccountReadDeps()),
  accountLogger,
);
