import { tickerRoute as contract } from '../../shared/contracts/market-data';
import { apiHandler } from '../../shared/http/api-handler';
import { buildMarketDataDeps, marketDataLogger } from './deps';
import { tickerRouteFn } from './routes';

export const handler = apiHandler(contract, tickerRouteFn(buildMarketDataDeps()), marketDataLogger);
