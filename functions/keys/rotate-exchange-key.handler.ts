import { rotateExchangeKeyRoute as contract } from '../../shared/contracts/vault';
import { apiHandler, type Route } from '../../shared/http/api-handler';
import { callerOf } from '../../shared/http/caller';
import { buildSealingDeps } from './deps';
import { rotateExchangeKey, type RotateExchangeKeyDeps } from './rotate-exchange-key';
import { toView } from './view';

/** `PUT /api/exchange-keys/{id}`: new credentials under the same id and/or new metadata. */
export const rotateExchangeKeyRoute =
  (deps: RotateExchangeKeyDeps): Route<typeof contract> =>
  async (request) => {
    const record = await rotateExchangeKey(
      deps,
      callerOf(request),
      request.params.id,
      request.body,
    );
    return { data: toView(record) };
  };

const { ports, logger } = buildSealingDeps();
export const handler = apiHandler(contract, rotateExchangeKeyRoute(ports), logger);
