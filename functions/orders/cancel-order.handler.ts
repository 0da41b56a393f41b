import { cancelOrderRoute as contract } from '../../shared/contracts/trading';
import { apiHandler, type Route } from '../../shared/http/api-handler';
import { tradingCallerOf } from '../balances/caller';
import { cancelOrder, type CancelDeps } from './cancel-order';
import { buildCancelDeps, orderLogger } from './deps';
import { orderView } from './order-view';

/** `DELETE /api/orders/{id}`: 202 with the order flagged `cancel_requested`. */
export const cancelOrderRoute =
  (deps: CancelDeps): Route<typeof contract> =>
  async (request) => ({
    data: orderView(await cancelOrder(deps, tradingCallerOf(request, 'trade'), request.params.id)),
    status: 202,
  });

export const handler = apiHandler(contract, cancelOrderRoute(buildCancelDeps()), orderLogger);
