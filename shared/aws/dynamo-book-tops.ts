import { GetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { bookTopItemSchema, bookTopKey, type BookTops } from '../trading/book-top';

/**
 * Reads the best bid and ask the matching service publishes in the MarketData table: the API
 * prices market-buy locks with it, and the public ticker answers it.
 */
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
