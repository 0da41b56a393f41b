import { getExchangeKeyRoute as contract } from '../../shared/contracts/vault';
import { apiHandler, type Route } from '../../shared/http/api-handler';
import { buildReadDeps } from './deps';
import { getExchangeKey, type ReadExchangeKeysDeps } from './read-exchange-keys';
import { toView } from './view';

/** `GET /api/exchange-keys/{id}`: one of the caller's keys; anyone else's is a 404. */
export const getExchangeKeyRoute =
  (deps: ReadExchangeKeysDeps): Route<typeof contract> =>
  async (request) => {
    const record = await getExchangeKey(deps, request.identity.userId, request.params.id);
    return { data: toView(record) };
  };

const { ports, logger } = buildReadDeps();
export const handler = apiHandler(contract, getExchangeKeyRoute(ports), logger);
