import { orderHistoryRoute as contract } from '../../shared/contracts/trading';
import { apiHandler, type Route } from '../../shared/http/api-handler';
import { buildOrderReadDeps, orderLogger } from './deps';
import { orderView } from './order-view';
import type { OrderStore } from './ports';

/** `GET /api/orders/history`: the caller's final orders. */
export const orderHistoryRoute =
  (deps: { orders: OrderStore }): Route<typeof contract> =>
  async (request) => {
    const page = await deps.orders.history(request.identity.userId, request.query);
    return { data: { items: page.items.map(orderView), next_cursor: page.nextCursor } };
  };

export const handler = apiHandler(contract, orderHistoryRoute(buildOrderReadDeps()), orderLogger);
