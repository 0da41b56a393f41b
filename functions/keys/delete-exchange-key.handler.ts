import { deleteExchangeKeyRoute as contract } from '../../shared/contracts/vault';
import { apiHandler, type Route } from '../../shared/http/api-handler';
import { callerOf } from '../../shared/http/caller';
import { deleteExchangeKey, type DeleteExchangeKeyDeps } from './delete-exchange-key';
import { buildDeleteDeps } from './deps';

/** `DELETE /api/exchange-keys/{id}`: crypto-shreds the key; the audit record remains. */
export const deleteExchangeKeyRoute =
  (deps: DeleteExchangeKeyDeps): Route<typeof contract> =>
  async (request) => {
    await deleteExchangeKey(deps, callerOf(request), request.params.id);
    return { data: { id: request.params.id, deleted: true } };
  };

const { ports, logger } = buildDeleteDeps();
export const handler = apiHandler(contract, deleteExchangeKeyRoute(ports), logger);
