import { marketStatsRoute as contract } from '../../shared/contracts/market-data';
import { apiHandler } from '../../shared/http/api-handler';
import { buildMarketDataDeps, marketDataLogger } from './deps';
import { marketStatsRouteFn } from './routes';

export const handler = apiHandler(
  contract,
  marketStatsRouteFn(buildMarketDataDeps()),
  marketDataLogger,
);
