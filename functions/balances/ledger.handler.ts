import { ledgerRoute as contract } from '../../shared/contracts/trading-account';
import { apiHandler, type Route } from '../../shared/http/api-handler';
import { accountLogger, buildAccountReadDeps } from './deps';
import type { AccountHistory } from './ports';
import { ledgerView } from './views';

/** `GET /api/account/ledger`: the caller's movements, newest first. */
export const ledgerRoute =
  (deps: { history: AccountHistory }): Route<typeof contract> =>
  async (request) => {
    const page = await deps.history.ledger(request.identity.userId, request.query);
    return { data: { items: page.items.map(ledgerView), next_cursor: page.nextCursor } };
  };

export const handler = apiHandler(contract, ledgerRoute(buildAccountReadDeps()), accountLogger);
