import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { idTimeBound } from '../../shared/trading/ids';
import { accountPk, openOrdersIndexPk, ORDER_PREFIX } from '../../shared/trading/keys';
import { orderItemSchema, type OrderItem } from '../../shared/trading/order-items';
import { finalOrderStatuses } from '../../shared/trading/vocabulary';
import type { Page, TimeRange } from '../balances/ports';
import { decodeCursor, encodeCursor, indexKeys, TABLE_KEYS } from '../../shared/aws/page-cursor';
import { equalityFilter } from '../balances/dynamo-account-history';
import { queryPage, type PagedQuery } from '../../shared/aws/dynamo-query-page';
import type { OrderQuery, OrderStore } from './ports';

/**
 * `ORDER#<uuidv7>` sort keys between two times: UUIDv7 ids begin with their creation time, so
 * a creation-time range is a key range and needs no index.
 */
export function orderIdRange(prefix: string, range: TimeRange) {
  const lower =
    range.from === undefined ? prefix : `${prefix}${idTimeBound(Date.parse(range.from), 'lower')}`;
  const upper =
    range.to === undefined
      ? `${prefix}~`
      : `${prefix}${idTimeBound(Date.parse(range.to), 'upper')}`;
  return { lower, upper };
}

/** Where a listing reads: the table or an index, one partition, its sort key and prefix. */
export interface OrderSource {
  readonly index?: 'gsi1' | 'gsi2';
  readonly partition: { readonly name: string; readonly value: string };
  readonly sortName: string;
  /** Before the order id in the sort key; `ORDER#` unless set. */
  readonly sortPrefix?: string;
  readonly extraFilter?: { readonly expression: string; readonly values: Record<string, string> };
}

/** Runs one filtered, time-ranged, newest-first page over a partition of orders. */
export async function orderPage(
  documents: DynamoDBDocumentClient,
  tableName: string,
  source: OrderSource,
  query: OrderQuery,
): Promise<Page<OrderItem>> {
  const keyNames = source.index === undefined ? TABLE_KEYS : indexKeys(source.index);
  const range = orderIdRange(source.sortPrefix ?? ORDER_PREFIX, query);
  const start = decodeCursor(query.cursor, keyNames, source.partition, {
    name: source.sortName,
    ...range,
  });
  const filter = equalityFilter({ symbol: query.symbol, side: query.side, status: query.status });
  const expressions = [filter.FilterExpression, source.extraFilter?.expression].filter(
    (part): part is string => part !== undefined,
  );
  const paged: PagedQuery = {
    TableName: tableName,
    ...(source.index === undefined ? { ConsistentRead: true } : { IndexName: source.index }),
    KeyConditionExpression: `${source.partition.name} = :pk AND ${source.sortName} BETWEEN :lower AND :upper`,
    ...(expressions.length === 0
      ? {}
      : {
          FilterExpression: expressions.join(' AND '),
          ExpressionAttributeNames: {
            ...filter.ExpressionAttributeNames,
            ...(source.extraFilter === undefined ? {} : { '#status': 'status' }),
          },
        }),
    ExpressionAttributeValues: {
      ':pk': source.partition.value,
      ':lower': range.lower,
      ':upper': range.upper,
      ...filter.values,
      ...source.extraFilter?.values,
    },
    ScanIndexForward: false,
  };
  const { items, lastKey } = await queryPage(documents, paged, query.limit, start);
  return {
    items: items.map((raw) => orderItemSchema.parse(raw)),
    nextCursor: encodeCursor(lastKey),
  };
}

const finals = Object.fromEntries(finalOrderStatuses.map((status, i) => [`:final${i}`, status]));

/** The caller-scoped order lists: all, open (gsi1), final. */
export function orderQueries(
  documents: DynamoDBDocumentClient,
  tableName: string,
): Pick<OrderStore, 'list' | 'active' | 'history' | 'allOpen'> {
  const own = (userId: string) => ({ name: 'pk', value: accountPk(userId) });
  const open = (userId: string) => ({ name: 'gsi1pk', value: openOrdersIndexPk(userId) });
  return {
    list: (userId, query) =>
      orderPage(documents, tableName, { partition: own(userId), sortName: 'sk' }, query),
    active: (userId, query) =>
      orderPage(
        documents,
        tableName,
        { index: 'gsi1', partition: open(userId), sortName: 'gsi1sk' },
        query,
      ),
    history: (userId, query) =>
      orderPage(
        documents,
        tableName,
        {
          partition: own(userId),
          sortName: 'sk',
          extraFilter: {
            expression: `#status IN (${Object.keys(finals).join(', ')})`,
            values: finals,
          },
        },
        query,
      ),
    async allOpen(userId) {
      const all: OrderItem[] = [];
      let cursor: string | undefined;
      do {
        const page = await orderPage(
          documents,
          tableName,
          { index: 'gsi1', partition: open(userId), sortName: 'gsi1sk' },
          { limit: 100, ...(cursor === undefined ? {} : { cursor }) },
        );
        all.push(...page.items);
        cursor = page.nextCursor ?? undefined;
      } while (cursor !== undefined);
      return all;
    },
  };
}
