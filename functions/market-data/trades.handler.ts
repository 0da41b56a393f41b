import { tradesRoute as contract } from '../../shared/contracts/market-data';
import { apiHandler } from '../../shared/http/api-handler';
import { buildMarketDataDeps, marketDataLogger } from './deps';
import { tradesRouteFn } from './routes';

export const handler = apiHandler(contract, tradesRouteFn(buildMarketDataDeps()), marketDataLogger);
