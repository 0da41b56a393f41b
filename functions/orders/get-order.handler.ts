import { getOrderRoute as contract } from '../../shared/contracts/trading';
import { NotFoundError } from '../../shared/domain/errors';
import { apiHandler, type Route } from '../../shared/http/api-handler';
import { buildOrderReadDeps, orderLogger } from './deps';
import { orderView } from './order-view';
import type { OrderStore } from './ports';

/** `GET /api/orders/{id}`: read from the caller's own partition, so another's order is 404. */
export const getOrderRoute =
  (deps: { orders: OrderStore }): Route<typeof contract> =>
  async (request) => {
    const order = await deps.orders.get(request.identity.userId, request.params.id);
    if (order === undefined) throw new NotFoundError('No such order');
    return { data: orderView(order) };
  };

export const handler = apiHandler(contract, getOrderRoute(buildOrderReadDeps()), orderLogger);
