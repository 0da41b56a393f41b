import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { dynamoMarketStatuses } from '../../shared/aws/dynamo-market-statuses';
import { markets, type Market, type MarketStatus } from '../../shared/domain/markets';
import type { MarketRegistry } from './ports';

/**
 * The code registry with each market's run-time status from the Trading table
 * (`MARKET` / `MARKET#<symbol>`, `status`), cached for `cacheMs` per warm container so an order
 * costs no extra read; a halt takes effect within that time. A market without an item keeps
 * its registry status.
 */
export function dynamoMarketRegistry(
  documents: DynamoDBDocumentClient,
  tableName: string,
  cacheMs: number,
  nowMs: () => number = Date.now,
): MarketRegistry {
  const statuses = dynamoMarketStatuses(documents, tableName, cacheMs, nowMs);
  const withStatus = (market: Market, overrides: ReadonlyMap<string, MarketStatus>): Market => ({
    ...market,
    status: overrides.get(market.symbol) ?? market.status,
  });
  return {
    async get(symbol) {
      const market = markets.find((candidate) => candidate.symbol === symbol);
      return market === undefined ? undefined : withStatus(market, await statuses.all());
    },
    async all() {
      const overrides = await statuses.all();
      return markets.map((market) => withStatus(market, overrides));
    },
  };
}
