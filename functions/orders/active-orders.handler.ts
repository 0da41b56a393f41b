import { activeOrdersRoute as contract } from '../../shared/contracts/trading';
import { apiHandler, type Route } from '../../shared/http/api-handler';
import { buildOrderReadDeps, orderLogger } from './deps';
import { orderView } from './order-view';
import type { OrderStore } from './ports';

/** `GET /api/orders/active`: the caller's open orders. */
export const activeOrdersRoute =
  (deps: { orders: OrderStore }): Route<typeof contract> =>
  async (request) => {
    const page = await deps.orders.active(request.identity.userId, request.query);
    return { data: { items: page.items.map(orderView), next_cursor: page.nextCursor } };
  };

export const handler = apiHandler(contract, activeOrdersRoute(buildOrderReadDeps()), orderLogger);
