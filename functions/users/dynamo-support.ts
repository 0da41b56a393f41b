import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  TransactWriteCommand,
  type DynamoDBDocumentClient,
  type TransactWriteCommandInput,
} from '@aws-sdk/lib-dynamodb';

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/** A table and the document client that reaches it: what every Users-table adapter holds. */
export interface TableRef {
  readonly documents: DynamoDBDocumentClient;
  readonly table: string;
}

/**
 * Runs a transaction and reports which items' conditions failed (by position) instead of
 * throwing, so an adapter can turn "username taken" or "status changed meanwhile" into the
 * right domain error. Any other failure is rethrown.
 */
export async function transact(
  ref: TableRef,
  items: readonly TransactItem[],
): Promise<{ ok: true } | { ok: false; failed: number[] }> {
  try {
    await ref.documents.send(new TransactWriteCommand({ TransactItems: [...items] }));
    return { ok: true };
  } catch (error) {
    if (error instanceof TransactionCanceledException) {
      const failed = (error.CancellationReasons ?? [])
        .map((reason, index) => (reason.Code === 'ConditionalCheckFailed' ? index : -1))
        .filter((index) => index >= 0);
      if (failed.length > 0) return { ok: false, failed };
    }
    throw error;
  }
}

/** True for a conditional write that did not apply. */
export const isConditionFailure = (error: unknown): boolean =>
  (error as { name?: string } | null)?.name === 'ConditionalCheckFailedException';
