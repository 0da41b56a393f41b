import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { transact } from '../../../functions/users/dynamo-support';
import { ConflictError } from '../../../shared/domain/errors';

/** A client whose transactions are all cancelled with these reason codes. */
const cancelling = (...codes: string[]) => ({
  table: 'Users',
  documents: {
    send: async () => {
      throw new TransactionCanceledException({
        message: 'Transaction cancelled',
        $metadata: {},
        CancellationReasons: codes.map((Code) => ({ Code })),
      });
    },
  } as unknown as DynamoDBDocumentClient,
});

describe('transact on the Users table', () => {
  it('reports the positions whose conditions failed', async () => {
    await expect(transact(cancelling('None', 'ConditionalCheckFailed'), [])).resolves.toEqual({
      ok: false,
      failed: [1],
    });
  });

  it('answers a transaction that lost to a concurrent one as a conflict to retry', async () => {
    await expect(transact(cancelling('TransactionConflict', 'None'), [])).rejects.toThrow(
      ConflictError,
    );
  });
});
