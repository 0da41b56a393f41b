import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ledgerItemSchema } from '../../shared/trading/balance-items';
import { accountPk, LEDGER_PREFIX, TRADE_PREFIX } from '../../shared/trading/keys';
import { tradeItemSchema } from '../../shared/trading/trade-items';
import { decodeCursor, encodeCursor, TABLE_KEYS } from '../../shared/aws/page-cursor';
import { queryPage, type PagedQuery } from '../../shared/aws/dynamo-query-page';
import type { AccountHistory, TimeRange } from './ports';

/**
 * The key condition of a time-ordered prefix (`LEDGER#<iso>#…`, `TRADE#<iso>#…`) within a
 * range; bounds are normalised to the stored `toISOString()` form so a second-precision bound
 * still includes its own second.
 */
export function timeKeyCondition(prefix: string, range: TimeRange) {
  const lower =
    range.from === undefined ? prefix : `${prefix}${new Date(range.from).toISOString()}`;
  const upper =
    range.to === undefined ? `${prefix}~` : `${prefix}${new Date(range.to).toISOString()}~`;
  return {
    KeyConditionExpression: 'pk = :pk AND sk BETWEEN :lower AND :upper',
    values: { ':lower': lower, ':upper': upper },
    range: { name: 'sk', lower, upper },
  };
}

/** Builds `a = :a AND b = :b` from the filters that are set. */
export function equalityFilter(filters: Record<string, string | undefined>) {
  const set = Object.entries(filters).filter(([, value]) => value !== undefined);
  if (set.length === 0) return {};
  return {
    FilterExpression: set.map(([name]) => `#${name} = :${name}`).join(' AND '),
    ExpressionAttributeNames: Object.fromEntries(set.map(([name]) => [`#${name}`, name])),
    values: Object.fromEntries(set.map(([name, value]) => [`:${name}`, value])),
  };
}

async function accountPage<T>(
  documents: DynamoDBDocumentClient,
  tableName: string,
  userId: string,
  prefix: string,
  query: TimeRange & { limit: number; cursor?: string | undefined },
  filters: Record<string, string | undefined>,
  parse: (raw: Record<string, unknown>) => T,
) {
  const pk = accountPk(userId);
  const keys = timeKeyCondition(prefix, query);
  const start = decodeCursor(query.cursor, TABLE_KEYS, { name: 'pk', value: pk }, keys.range);
  const filter = equalityFilter(filters);
  const paged: PagedQuery = {
    TableName: tableName,
    KeyConditionExpression: keys.KeyConditionExpression,
    ...(filter.FilterExpression === undefined
      ? {}
      : {
          FilterExpression: filter.FilterExpression,
          ExpressionAttributeNames: filter.ExpressionAttributeNames,
        }),
    ExpressionAttributeValues: { ':pk': pk, ...keys.values, ...filter.values },
    ScanIndexForward: false,
  };
  const { items, lastKey } = await queryPage(documents, paged, query.limit, start);
  return { items: items.map(parse), nextCursor: encodeCursor(lastKey) };
}

/** The caller's ledger and fills, newest first, from their own partition only. */
export function dynamoAccountHistory(
  documents: DynamoDBDocumentClient,
  tableName: string,
): AccountHistory {
  return {
    ledger: (userId, query) =>
      accountPage(
        documents,
        tableName,
        userId,
        LEDGER_PREFIX,
        query,
        { asset: query.asset, type: query.type },
        (raw) => ledgerItemSchema.parse(raw),
      ),
    trades: (userId, query) =>
      accountPage(
        documents,
        tableName,
        userId,
        TRADE_PREFIX,
        query,
        { symbol: query.symbol },
        (raw) => tradeItemSchema.parse(raw),
      ),
  };
}
