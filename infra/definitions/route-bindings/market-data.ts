import type { Access, RouteBinding } from '../routes';

/**
 * Public market-data routes: they read the MarketData table the matching service publishes,
 * and nothing else — except the market list, which reads the run-time statuses in the Trading
 * table's `MARKET` partition. They count in the `market` rate class (per IP).
 */
const reading = { tables: { marketData: 'read' } } as const satisfies Access;
const listing = { tables: { trading: 'read' } } as const satisfies Access;

const table: readonly [string, string, Access][] = [
  ['/api/markets', 'list-markets', listing],
  ['/api/markets/stats', 'market-stats', reading],
  ['/api/markets/{symbol}/ticker', 'ticker', reading],
  ['/api/markets/{symbol}/orderbook', 'orderbook', reading],
  ['/api/markets/{symbol}/trades', 'trades', reading],
  ['/api/markets/{symbol}/klines', 'klines', reading],
];

export const marketDataRoutes: readonly RouteBinding[] = table.map(([path, handler, access]) => ({
  method: 'GET',
  path,
  entry: `functions/market-data/${handler}.handler.ts`,
  auth: 'public',
  access,
  rateClass: 'market',
}));
