import { listOrdersRoute as contract } from '../../shared/contracts/trading';
import { apiHandler, type Route } from '../../shared/http/api-handler';
import { buildOrderReadDeps, orderLogger } from './deps';
import { orderView } from './order-view';
import type { OrderStore } from './ports';

/** `GET /api/orders`: the caller's orders, newest first, filtered. */
export const listOrdersRoute =
  (deps: { orders: OrderStore }): Route<typeof contract> =>
  async (request) => {
    const page = await deps.orders.list(request.identity.userId, request.query);
    return { data: { items: page.items.map(orderView), next_cursor: page.nextCursor } };
  };

export const handler = apiHandler(contract, listOrdersRoute(buildOrderReadDeps()), orderLogger);
