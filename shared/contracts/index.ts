import { healthRoute, openApiRoute } from './meta';
import type { RouteContract } from './route-contract';

/** Every HTTP route of the API. The OpenAPI document and the route-table test read this list. */
export const apiContracts: readonly RouteContract[] = [healthRoute, openApiRoute];
