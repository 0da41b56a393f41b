import { loadConfig } from '../../shared/config/load-config';
import { createLogger, type Logger } from '../../shared/logging/logger';
import { tradingDocuments, tradingDynamoClient } from '../../shared/aws/dynamo-trading-documents';
import { marketDataConfigSchema, marketListConfigSchema } from './config';
import { dynamoMarketData } from './dynamo-market-data';
import { dynamoMarketStatuses } from '../../shared/aws/dynamo-market-statuses';
import type { MarketDataDeps, MarketStatuses } from './ports';

/** The logger of every market-data function. */
export const marketDataLogger: Logger = createLogger('market-data');

/** Reads of the MarketData table, numbers wrapped (candle volumes may pass 2^53). */
export function buildMarketDataDeps(): MarketDataDeps {
  const config = loadConfig(marketDataConfigSchema);
  const documents = tradingDocuments(tradingDynamoClient());
  return { reader: dynamoMarketData(documents, config.MARKET_DATA_TABLE), nowMs: Date.now };
}

/** The market list: statuses from the Trading table's `MARKET` partition. */
export function buildMarketStatuses(): MarketStatuses {
  const config = loadConfig(marketListConfigSchema);
  const documents = tradingDocuments(tradingDynamoClient());
  return dynamoMarketStatuses(
    documents,
    config.TRADING_TABLE,
    config.MARKET_STATUS_CACHE_SECONDS * 1000,
  );
}
