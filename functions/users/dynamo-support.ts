import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { ConflictError } from '../../shared/domain/errors';
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
 * right domain error. A transaction that lost to a concurrent one on the same items
 * (`TransactionConflict`: two officers at once) is a CONFLICT to retry, not a 500. Any other
 * failure is rethrown.
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
      const reasons = (error.CancellationReasons ?? []).map((reason) => reason.Code);
      if (reasons.includes('TransactionConflict')) {
        throw new ConflictError('The account is being changed by another request; retry', {
          cause: error,
        });
      }
    }
    throw error;
  }
}

/** True for a conditional write that did not apply. */
export const isConditionFailure = (error: unknown): boolean =>
  (error as { name?: string } | null)?.name === 'ConditionalCheckFailedException';
