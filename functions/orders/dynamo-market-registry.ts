import { QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import {
  isMarketStatus,
  markets,
  type Market,
  type MarketStatus,
} from '../../shared/domain/markets';
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
  let cached: { at: number; statuses: Map<string, MarketStatus> } | undefined;
  const statuses = async (): Promise<Map<string, MarketStatus>> => {
    if (cached !== undefined && nowMs() - cached.at < cacheMs) return cached.statuses;
    const { Items = [] } = await documents.send(
      new QueryCommand({
        TableName: tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': 'MARKET' },
        ProjectionExpression: 'symbol, #status',
        ExpressionAttributeNames: { '#status': 'status' },
      }),
    );
    const found = new Map<string, MarketStatus>();
    for (const item of Items) {
      const { symbol, status } = item as { symbol?: unknown; status?: unknown };
      if (typeof symbol === 'string' && isMarketStatus(status)) found.set(symbol, status);
    }
    cached = { at: nowMs(), statuses: found };
    return found;
  };
  const withStatus = (market: Market, overrides: Map<string, MarketStatus>): Market => ({
    ...market,
    status: overrides.get(market.symbol) ?? market.status,
  });
  return {
    async get(symbol) {
      const market = markets.find((candidate) => candidate.symbol === symbol);
      return market === undefined ? undefined : withStatus(market, await statuses());
    },
    async all() {
      const overrides = await statuses();
      return markets.map((market) => withStatus(market, overrides));
    },
  };
}
