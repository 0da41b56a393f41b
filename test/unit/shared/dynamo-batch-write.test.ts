import { BatchWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { batchWriteAll, type WriteRequest } from '../../../shared/aws/dynamo-batch-write';

/** A document client whose first batch leaves its last two requests unprocessed (throttled). */
function throttlingClient() {
  const batches: number[] = [];
  const written: string[] = [];
  const send = async (command: unknown) => {
    if (!(command instanceof BatchWriteCommand)) throw new Error('unexpected command');
    const requests = command.input.RequestItems!['T']! as {
      DeleteRequest: { Key: { pk: string } };
    }[];
    batches.push(requests.length);
    const skipped = batches.length === 1 ? requests.slice(-2) : [];
    for (const request of requests.slice(0, requests.length - skipped.length)) {
      written.push(request.DeleteRequest.Key.pk);
    }
    return { UnprocessedItems: skipped.length === 0 ? {} : { T: skipped } };
  };
  return { documents: { send } as unknown as DynamoDBDocumentClient, batches, written };
}

describe('batchWriteAll', () => {
  it('writes in batches of 25 and sends again what DynamoDB left unprocessed', async () => {
    const client = throttlingClient();
    const requests: WriteRequest[] = Array.from({ length: 30 }, (_, i) => ({
      DeleteRequest: { Key: { pk: `k${i}` } },
    }));

    await batchWriteAll(client.documents, 'T', requests);

    expect(client.batches).toEqual([25, 2, 5]);
    expect([...client.written].sort()).toEqual(requests.map((_, i) => `k${i}`).sort());
  });
});
