import { QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/** One Query, paged: the caller's key condition, filter and direction. */
export interface PagedQuery {
  readonly TableName: string;
  readonly IndexName?: string;
  readonly KeyConditionExpression: string;
  readonly FilterExpression?: string;
  readonly ExpressionAttributeNames?: Record<string, string>;
  readonly ExpressionAttributeValues: Record<string, unknown>;
  readonly ScanIndexForward: boolean;
  readonly ConsistentRead?: boolean;
}

/** Reads at most this many DynamoDB pages per API page, so a sparse filter stays bounded. */
const MAX_READS = 10;

/**
 * Collects up to `limit` items. Each read asks for no more items than are still wanted, so the
 * last evaluated key never skips a match; with a selective filter a page may hold fewer items
 * than `limit` and still have a next key (the client follows `next_cursor` until null).
 */
export async function queryPage(
  documents: DynamoDBDocumentClient,
  query: PagedQuery,
  limit: number,
  startKey: Record<string, unknown> | undefined,
): Promise<{ items: Record<string, unknown>[]; lastKey: Record<string, unknown> | undefined }> {
  const items: Record<string, unknown>[] = [];
  let lastKey = startKey;
  for (let read = 0; read < MAX_READS && items.length < limit; read += 1) {
    const page = await documents.send(
      new QueryCommand({
        ...query,
        Limit: limit - items.length,
        ...(lastKey === undefined ? {} : { ExclusiveStartKey: lastKey }),
      }),
    );
    items.push(...(page.Items ?? []));
    lastKey = page.LastEvaluatedKey;
    if (lastKey === undefined) break;
  }
  return { items, lastKey };
}
