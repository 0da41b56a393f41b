import type { RouteBinding } from '../definitions/routes';

const pascal = (word: string): string => word.charAt(0).toUpperCase() + word.slice(1).toLowerCase();

/**
 * A stable construct id for a route, derived from its method and path
 * (`GET /api/orders/{id}` → `GetApiOrdersId`), so adding a route never renames another's
 * function and a moved handler file keeps its function.
 */
export function routeConstructId(route: Pick<RouteBinding, 'method' | 'path'>): string {
  const words = route.path.split(/[^A-Za-z0-9]+/).filter((w) => w.length > 0);
  return [route.method, ...words].map(pascal).join('');
}

/**
 * `POWERTOOLS_SERVICE_NAME` of a handler: its bounded context, the folder under `functions/`
 * (`functions/orders/place-order.handler.ts` → `orders`).
 */
export function serviceNameOf(entry: string): string {
  const [top, context] = entry.split('/');
  return top === 'functions' && context !== undefined ? context : 'exchange';
}
