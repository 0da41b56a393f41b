import type {
  klinesRoute,
  listMarketsRoute,
  marketStatsRoute,
  orderBookRoute,
  tickerRoute,
  tradesRoute,
} from '../../shared/contracts/market-data';
import type { Route } from '../../shared/http/api-handler';
import { klineIntervalMs, type KlineInterval } from '../../shared/market-data/items';
import { cacheFor } from './deps-cache';
import type { MarketDataDeps, MarketStatuses } from './ports';
import { klinesOf, listMarkets, orderBookOf, statsOf, tickerOf, tradesOf } from './reads';

/** `GET /api/markets`. */
export const listMarketsRouteFn =
  (statuses: MarketStatuses): Route<typeof listMarketsRoute> =>
  async () => ({ data: { items: await listMarkets(statuses) }, headers: cacheFor(30) });

/** `GET /api/markets/stats`. */
export const marketStatsRouteFn =
  (deps: MarketDataDeps): Route<typeof marketStatsRoute> =>
  async () => ({ data: await statsOf(deps), headers: cacheFor(5) });

/** `GET /api/markets/{symbol}/ticker`. */
export const tickerRouteFn =
  (deps: MarketDataDeps): Route<typeof tickerRoute> =>
  async (request) => ({ data: await tickerOf(deps, request.params.symbol), headers: cacheFor(2) });

/** `GET /api/markets/{symbol}/orderbook`. */
export const orderBookRouteFn =
  (deps: MarketDataDeps): Route<typeof orderBookRoute> =>
  async (request) => ({
    data: await orderBookOf(deps, request.params.symbol, request.query.limit),
    headers: cacheFor(1),
  });

/** `GET /api/markets/{symbol}/trades`. */
export const tradesRouteFn =
  (deps: MarketDataDeps): Route<typeof tradesRoute> =>
  async (request) => ({
    data: {
      symbol: request.params.symbol,
      items: await tradesOf(deps, request.params.symbol, request.query.limit),
    },
    headers: cacheFor(1),
  });

/**
 * True when every candle up to `end` is closed at `nowMs` (`end` before the open candle of
 * the interval): only such a range may stay cached for a minute.
 */
const closedRange = (end: number | undefined, interval: KlineInterval, nowMs: number): boolean => {
  const length = klineIntervalMs[interval];
  return end !== undefined && end < Math.floor(nowMs / length) * length;
};

/** `GET /api/markets/{symbol}/klines`: cached 60 s for a closed range, else 2 s. */
export const klinesRouteFn =
  (deps: MarketDataDeps): Route<typeof klinesRoute> =>
  async (request) => ({
    data: {
      symbol: request.params.symbol,
      interval: request.query.interval,
      items: await klinesOf(deps, request.params.symbol, request.query),
    },
    headers: cacheFor(
      closedRange(request.query.end, request.query.interval, deps.nowMs()) ? 60 : 2,
    ),
  });
