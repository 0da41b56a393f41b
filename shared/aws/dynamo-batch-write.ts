import { BatchWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/** DynamoDB's cap on the requests of one BatchWriteItem. */
const BATCH_REQUESTS = 25;

/** One put or delete of a batch write, as the document client takes it. */
export type WriteRequest =
  | { readonly PutRequest: { readonly Item: Record<string, unknown> } }
  | { readonly DeleteRequest: { readonly Key: Record<string, unknown> } };

const pause = (ms: number) => new Promise((done) => setTimeout(done, ms));

/**
 * Writes every request to `tableName`, 25 per BatchWriteItem, until DynamoDB has processed
 * them all: a throttled batch answers the requests it skipped as `UnprocessedItems` instead of
 * failing, and ignoring them would silently lose those writes. They are sent again after a
 * short exponential back-off (50 ms doubling, at most 1 s).
 */
export async function batchWriteAll(
  documents: DynamoDBDocumentClient,
  tableName: string,
  requests: readonly WriteRequest[],
): Promise<void> {
  for (let i = 0; i < requests.length; i += BATCH_REQUESTS) {
    let pending = requests.slice(i, i + BATCH_REQUESTS);
    for (let attempt = 0; pending.length > 0; attempt += 1) {
      if (attempt > 0) await pause(Math.min(1000, 50 * 2 ** (attempt - 1)));
      const result = await documents.send(
        new BatchWriteCommand({ RequestItems: { [tableName]: [...pending] } }),
      );
      pending = (result.UnprocessedItems?.[tableName] ?? []) as WriteRequest[];
    }
  }
}
