import { klinesRoute as contract } from '../../shared/contracts/market-data';
import { apiHandler } from '../../shared/http/api-handler';
import { buildMarketDataDeps, marketDataLogger } from './deps';
import { klinesRouteFn } from './routes';

export const handler = apiHandler(contract, klinesRouteFn(buildMarketDataDeps()), marketDataLogger);
