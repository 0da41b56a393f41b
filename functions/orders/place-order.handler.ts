import { placeOrderRoute as contract } from '../../shared/contracts/trading';
import { apiHandler, type Route } from '../../shared/http/api-handler';
import { tradingCallerOf } from '../balances/caller';
import { buildPlaceDeps, orderLogger } from './deps';
import { orderView } from './order-view';
import { placeOrder, type PlaceOrderDeps } from './place-order';

/** `POST /api/orders`: 201 with a new order, 200 with the original one on a repeat. */
export const placeOrderRoute =
  (deps: PlaceOrderDeps): Route<typeof contract> =>
  async (request) => {
    const { order, created } = await placeOrder(
      deps,
      tradingCallerOf(request, 'trade'),
      request.body,
    );
    return { data: orderView(order), status: created ? 201 : 200 };
  };

export const handler = apiHandler(contract, placeOrderRoute(buildPlaceDeps()), orderLogger);
