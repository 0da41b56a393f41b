import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ValidationError } from '../../shared/domain/errors';
import { markets } from '../../shared/domain/markets';
import { accountPk, symbolOrdersIndexPk, symbolTradesIndexPk } from '../../shared/trading/keys';
import { orderItemSchema } from '../../shared/trading/order-items';
import { tradeItemSchema } from '../../shared/trading/trade-items';
import { equalityFilter } from '../balances/dynamo-account-history';
import { queryPage } from '../../shared/aws/dynamo-query-page';
import { orderPage } from '../orders/dynamo-order-queries';
import { mergeNewestFirst, type MergeSource } from './merge-pages';
import type { AdminOrderQuery, AdminQueries } from './ports';

const invalidCursor = () =>
  new ValidationError([{ field: 'cursor', in: 'query', message: 'Invalid cursor' }]);

/** A start key from a merged cursor: gsi2 keys of exactly this partition, strings only. */
function checkedStart(partition: string, key: Record<string, unknown> | undefined) {
  if (key === undefined) return undefined;
  const names = Object.keys(key).sort().join(',');
  const strings = Object.values(key).every((value) => typeof value === 'string');
  if (names !== 'gsi2pk,gsi2sk,pk,sk' || !strings || key['gsi2pk'] !== partition) {
    throw invalidCursor();
  }
  return key;
}

const gsi2Key = (item: Record<string, unknown>) => ({
  pk: String(item['pk']),
  sk: String(item['sk']),
  gsi2pk: String(item['gsi2pk']),
  gsi2sk: String(item['gsi2sk']),
});

/** One gsi2 partition per market, newest first, with optional equality filters. */
function marketSources(
  documents: DynamoDBDocumentClient,
  tableName: string,
  partitionOf: (symbol: string) => string,
  symbols: readonly string[],
  filters: Record<string, string | undefined>,
): MergeSource[] {
  const filter = equalityFilter(filters);
  return symbols.map((symbol) => ({
    name: symbol,
    fetch: (startKey, limit) =>
      queryPage(
        documents,
        {
          TableName: tableName,
          IndexName: 'gsi2',
          KeyConditionExpression: 'gsi2pk = :pk',
          ...(filter.FilterExpression === undefined
            ? {}
            : {
                FilterExpression: filter.FilterExpression,
                ExpressionAttributeNames: filter.ExpressionAttributeNames,
              }),
          ExpressionAttributeValues: { ':pk': partitionOf(symbol), ...filter.values },
          ScanIndexForward: false,
        },
        limit,
        checkedStart(partitionOf(symbol), startKey),
      ),
  }));
}

/**
 * Admin listings: one user's orders from their partition; otherwise one market's (or every
 * market's, merged) orders and trades from gsi2, newest first.
 */
export function dynamoAdminQueries(
  documents: DynamoDBDocumentClient,
  tableName: string,
): AdminQueries {
  const symbolsOf = (symbol: string | undefined) =>
    symbol === undefined ? markets.map((market) => market.symbol) : [symbol];
  return {
    async orders(query: AdminOrderQuery) {
      const filters = { symbol: query.symbol, side: query.side, status: query.status };
      if (query.userId !== undefined) {
        return orderPage(
          documents,
          tableName,
          { partition: { name: 'pk', value: accountPk(query.userId) }, sortName: 'sk' },
          { ...filters, limit: query.limit, cursor: query.cursor },
        );
      }
      const page = await mergeNewestFirst(
        marketSources(documents, tableName, symbolOrdersIndexPk, symbolsOf(query.symbol), {
          side: query.side,
          status: query.status,
        }),
        query.limit,
        query.cursor,
        (item) => String(item['gsi2sk']),
        gsi2Key,
      );
      return {
        items: page.items.map((raw) => orderItemSchema.parse(raw)),
        nextCursor: page.nextCursor,
      };
    },
    async trades(query) {
      const page = await mergeNewestFirst(
        marketSources(documents, tableName, symbolTradesIndexPk, symbolsOf(query.symbol), {}),
        query.limit,
        query.cursor,
        (item) => String(item['gsi2sk']),
        gsi2Key,
      );
      return {
        items: page.items.map((raw) => tradeItemSchema.parse(raw)),
        nextCursor: page.nextCursor,
      };
    },
  };
}
