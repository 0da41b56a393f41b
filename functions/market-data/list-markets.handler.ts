import { listMarketsRoute as contract } from '../../shared/contracts/market-data';
import { apiHandler } from '../../shared/http/api-handler';
import { buildMarketStatuses, marketDataLogger } from './deps';
import { listMarketsRouteFn } from './routes';

export const handler = apiHandler(
  contract,
  listMarketsRouteFn(buildMarketStatuses()),
  marketDataLogger,
);
