import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  GetCommand,
  TransactWriteCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import { randomUUID } from 'node:crypto';
import { InsufficientBalanceError, ServiceUnavailableError } from '../../shared/domain/errors';
import { balanceItemSchema } from '../../shared/trading/balance-items';
import {
  BalanceUnderflowError,
  balanceWrites,
  emptyBalance,
  type BalanceChange,
  type BalanceSnapshot,
  type TransactItem,
} from '../../shared/trading/balance-writes';
import { balanceKey } from '../../shared/trading/keys';
import { inTurn } from './account-turns';

/** A balance a movement reads and may change. */
export interface BalanceRef {
  readonly userId: string;
  readonly asset: string;
}

/**
 * What a movement writes, decided from the balances as just read: the changes of each balance
 * (aligned with the refs; empty means untouched) and any other items (orders, guards, counters,
 * outbox), whose conditions are the caller's business.
 */
export interface MovementPlan {
  readonly balanceChanges: readonly (readonly BalanceChange[])[];
  readonly items: readonly TransactItem[];
}

/** Done, or the indexes of `items` whose condition failed (nothing was written). */
export type MovementResult =
  | { readonly ok: true; readonly after: readonly BalanceSnapshot[] }
  | { readonly ok: false; readonly failed: readonly number[] };

const MAX_ATTEMPTS = 12;

const pause = (attempt: number) =>
  new Promise((done) => setTimeout(done, 5 + Math.floor(Math.random() * 15 * attempt)));

/** A balance read strongly consistently; a missing item is zero at version 0. */
export async function readBalance(
  documents: DynamoDBDocumentClient,
  tableName: string,
  ref: BalanceRef,
): Promise<BalanceSnapshot> {
  const { Item } = await documents.send(
    new GetCommand({
      TableName: tableName,
      Key: balanceKey(ref.userId, ref.asset),
      ConsistentRead: true,
    }),
  );
  if (Item === undefined) return emptyBalance(ref.userId, ref.asset);
  const item = balanceItemSchema.parse(Item);
  return { ...ref, available: item.available, locked: item.locked, version: item.version };
}

/**
 * Moves money in one TransactWriteItems: reads the balances, lets `plan` decide from them
 * (it throws the domain error when funds are short), writes every balance with its ledger
 * entries and the plan's items atomically. A balance that changed meanwhile (its version
 * condition failed) or a transaction conflict means: read again and retry. A failed condition
 * of one of the plan's own items is returned for the caller to explain. Each attempt carries
 * its own ClientRequestToken, so the SDK's retries of one attempt cannot apply it twice.
 * Movements of the same accounts in this process take turns ({@link inTurn}).
 */
export function moveMoney(
  documents: DynamoDBDocumentClient,
  tableName: string,
  refs: readonly BalanceRef[],
  plan: (snapshots: readonly BalanceSnapshot[]) => MovementPlan,
  at: string,
): Promise<MovementResult> {
  const accounts = refs.map((ref) => `${tableName}\u0000${ref.userId}`);
  return inTurn(accounts, () => attemptMovement(documents, tableName, refs, plan, at));
}

async function attemptMovement(
  documents: DynamoDBDocumentClient,
  tableName: string,
  refs: readonly BalanceRef[],
  plan: (snapshots: readonly BalanceSnapshot[]) => MovementPlan,
  at: string,
): Promise<MovementResult> {
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt += 1) {
    const snapshots = await Promise.all(refs.map((ref) => readBalance(documents, tableName, ref)));
    const built = plan(snapshots);
    const balanceItems: TransactItem[] = [];
    const versioned: number[] = [];
    const after = snapshots.map((snapshot, index) => {
      const changes = built.balanceChanges[index] ?? [];
      if (changes.length === 0) return snapshot;
      try {
        const writes = balanceWrites(tableName, snapshot, changes, at);
        versioned.push(balanceItems.length);
        balanceItems.push(...writes.items);
        return writes.after;
      } catch (error) {
        if (error instanceof BalanceUnderflowError) {
          throw new InsufficientBalanceError(`Insufficient ${snapshot.asset} balance`, {
            cause: error,
          });
        }
        throw error;
      }
    });
    try {
      await documents.send(
        new TransactWriteCommand({
          TransactItems: [...balanceItems, ...built.items],
          ClientRequestToken: randomUUID(),
        }),
      );
      return { ok: true, after };
    } catch (error) {
      if (!(error instanceof TransactionCanceledException)) throw error;
      const codes = (error.CancellationReasons ?? []).map((reason) => reason.Code ?? 'None');
      const raced =
        codes.includes('TransactionConflict') ||
        versioned.some((index) => codes[index] === 'ConditionalCheckFailed');
      if (raced) {
        await pause(attempt);
        continue;
      }
      const failed = built.items
        .map((_, index) => index)
        .filter((index) => codes[balanceItems.length + index] === 'ConditionalCheckFailed');
      if (failed.length > 0) return { ok: false, failed };
      throw error;
    }
  }
  throw new ServiceUnavailableError('The account is busy; try again');
}
