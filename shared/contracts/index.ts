import { apiKeyContracts } from './api-keys';
import { auditContracts } from './audit';
import { identityContracts } from './identity';
import { marketDataContracts } from './market-data';
import { healthRoute, openApiRoute } from './meta';
import type { RouteContract } from './route-contract';
import { tradingContracts } from './trading';
import { vaultContracts } from './vault';

/** Every HTTP route of the API. The OpenAPI document and the route-table test read this list. */
export const apiContracts: readonly RouteContract[] = [
  ...apiKeyContracts,
  healthRoute,
  openApiRoute,
  ...vaultContracts,
  ...auditContracts,
  ...identityContracts,
  ...tradingContracts,
  ...marketDataContracts,
];
