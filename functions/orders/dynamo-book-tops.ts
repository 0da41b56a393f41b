import { GetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { bookTopItemSchema, bookTopKey } from '../../shared/trading/book-top';
import type { BookTops } from './ports';

/** Reads the best bid and ask the matching service publishes in the MarketData table. */
export function dynamoBookTops(documents: DynamoDBDocumentClient, tableName: string): BookTops {
  return {
    async top(symbol) {
      const { Item } = await documents.send(
        new GetCommand({ TableName: tableName, Key: bookTopKey(symbol) }),
      );
      if (Item === undefined) return undefined;
      const top = bookTopItemSchema.parse(Item);
      return { bestBid: top.best_bid, bestAsk: top.best_ask };
    },
  };
}
