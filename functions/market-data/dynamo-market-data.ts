import { GetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import {
  candleItemSchema,
  candlePk,
  depthItemSchema,
  depthKey,
  MAX_OPEN_MS,
  openTimeKey,
  publicTradeItemSchema,
  tradesPk,
} from '../../shared/market-data/items';
import { dynamoBookTops } from '../../shared/aws/dynamo-book-tops';
import type { MarketDataReader } from './ports';
import { queryAll } from '../../shared/aws/dynamo-query-all';

/** A query bound inside what a candle key can hold, so the key strings order as the times do. */
const clampOpenMs = (ms: number): number => Math.min(Math.max(0, ms), MAX_OPEN_MS);

/**
 * The MarketData table through a `wrapNumbers` DocumentClient (candle volumes may pass 2^53),
 * validated by the item schemas of `shared/market-data/items.ts`.
 */
export function dynamoMarketData(
  documents: DynamoDBDocumentClient,
  tableName: string,
): MarketDataReader {
  return {
    async depth(symbol) {
      const { Item } = await documents.send(
        new GetCommand({ TableName: tableName, Key: depthKey(symbol) }),
      );
      return Item === undefined ? undefined : depthItemSchema.parse(Item);
    },
    top: dynamoBookTops(documents, tableName).top,
    async recentTrades(symbol, limit) {
      const items = await queryAll(
        documents,
        {
          TableName: tableName,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': tradesPk(symbol) },
          ScanIndexForward: false,
        },
        limit,
      );
      return items.map((item) => publicTradeItemSchema.parse(item));
    },
    async candles(symbol, interval, range) {
      const items = await queryAll(
        documents,
        {
          TableName: tableName,
          KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
          ExpressionAttributeValues: {
            ':pk': candlePk(symbol, interval),
            ':from': openTimeKey(clampOpenMs(range.fromMs)),
            ':to': openTimeKey(clampOpenMs(range.toMs)),
          },
          ScanIndexForward: range.newest !== true,
        },
        range.limit,
      );
      const candles = items.map((item) => candleItemSchema.parse(item));
      return range.newest === true ? candles.reverse() : candles;
    },
  };
}
