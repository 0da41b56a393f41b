import { createExchangeKeyRoute as contract } from '../../shared/contracts/vault';
import { apiHandler, type Route } from '../../shared/http/api-handler';
import { callerOf } from '../../shared/http/caller';
import { createExchangeKey, type CreateExchangeKeyDeps } from './create-exchange-key';
import { buildSealingDeps } from './deps';
import { toView } from './view';

/** `POST /api/exchange-keys`: 201 with the stored key's metadata and hint, never the secret. */
export const createExchangeKeyRoute =
  (deps: CreateExchangeKeyDeps): Route<typeof contract> =>
  async (request) => {
    const record = await createExchangeKey(deps, callerOf(request), request.body);
    return { data: toView(record), status: 201 };
  };

const { ports, logger } = buildSealingDeps();
export const handler = apiHandler(contract, createExchangeKeyRoute(ports), logger);
