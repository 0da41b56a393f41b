import { listExchangeKeysRoute as contract } from '../../shared/contracts/vault';
import { apiHandler, type Route } from '../../shared/http/api-handler';
import { buildReadDeps } from './deps';
import { listExchangeKeys, type ReadExchangeKeysDeps } from './read-exchange-keys';
import { toView } from './view';

/** `GET /api/exchange-keys`: the caller's keys, a page at a time. */
export const listExchangeKeysRoute =
  (deps: ReadExchangeKeysDeps): Route<typeof contract> =>
  async (request) => {
    const page = await listExchangeKeys(
      deps,
      request.identity.userId,
      request.query.limit,
      request.query.cursor,
    );
    return { data: { items: page.items.map(toView), next_cursor: page.nextCursor } };
  };

const { ports, logger } = buildReadDeps();
export const handler = apiHandler(contract, listExchangeKeysRoute(ports), logger);
