import {
  QueryCommand,
  type DynamoDBDocumentClient,
  type QueryCommandInput,
} from '@aws-sdk/lib-dynamodb';

/** DynamoDB's page size cap for one Query; larger reads page with the last key. */
const PAGE_ITEMS = 1000;

/**
 * Every item `input` matches, following `LastEvaluatedKey` page by page, or the first `limit`
 * of them (pages are sized so no more is read than asked for).
 */
export async function queryAll(
  documents: DynamoDBDocumentClient,
  input: QueryCommandInput,
  limit = Number.POSITIVE_INFINITY,
): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await documents.send(
      new QueryCommand({
        ...input,
        ...(Number.isFinite(limit) ? { Limit: Math.min(PAGE_ITEMS, limit - items.length) } : {}),
        ...(startKey === undefined ? {} : { ExclusiveStartKey: startKey }),
      }),
    );
    items.push(...(page.Items ?? []));
    startKey = page.LastEvaluatedKey;
  } while (startKey !== undefined && items.length < limit);
  return items;
}
