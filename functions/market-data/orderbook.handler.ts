import { orderBookRoute as contract } from '../../shared/contracts/market-data';
import { apiHandler } from '../../shared/http/api-handler';
import { buildMarketDataDeps, marketDataLogger } from './deps';
import { orderBookRouteFn } from './routes';

export const handler = apiHandler(
  contract,
  orderBookRouteFn(buildMarketDataDeps()),
  marketDataLogger,
);
