import { QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { isMarketStatus, type MarketStatus, type MarketStatuses } from '../domain/markets';

/**
 * Market statuses from the Trading table (`MARKET` / `MARKET#<symbol>`), cached per warm
 * container for `cacheMs`, so reading them costs an order or a market listing no extra read
 * most of the time; a halt takes effect within that time. Trading and market data share it.
 */
export function dynamoMarketStatuses(
  documents: DynamoDBDocumentClient,
  tableName: string,
  cacheMs: number,
  nowMs: () => number = Date.now,
): MarketStatuses {
  let cached: { at: number; statuses: Map<string, MarketStatus> } | undefined;
  return {
    async all() {
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
      const statuses = new Map<string, MarketStatus>();
      for (const item of Items) {
        const { symbol, status } = item as { symbol?: unknown; status?: unknown };
        if (typeof symbol === 'string' && isMarketStatus(status)) statuses.set(symbol, status);
      }
      cached = { at: nowMs(), statuses };
      return statuses;
    },
  };
}
