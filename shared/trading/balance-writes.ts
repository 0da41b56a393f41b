import {
  balanceKey,
  balanceShard,
  balancesIndexPk,
  counterKey,
  ledgerKey,
  type ItemKey,
} from './keys';
import type { LedgerReference, LedgerType } from './vocabulary';

/**
 * Builders of the writes that move money, as plain TransactWriteItems entries for the
 * DocumentClient (no SDK import: shared code stays SDK-free). Everyone who changes a balance —
 * the API, the reconciler, the matching service's settlement — goes through
 * {@link balanceWrites}, so every change is versioned and every change has its ledger entry in
 * the same transaction.
 */
export interface TransactPut {
  readonly Put: {
    readonly TableName: string;
    readonly Item: Record<string, unknown>;
    readonly ConditionExpression?: string;
    readonly ExpressionAttributeNames?: Record<string, string>;
    readonly ExpressionAttributeValues?: Record<string, unknown>;
  };
}
export interface TransactUpdate {
  readonly Update: {
    readonly TableName: string;
    readonly Key: ItemKey;
    readonly UpdateExpression: string;
    readonly ConditionExpression?: string;
    readonly ExpressionAttributeNames?: Record<string, string>;
    readonly ExpressionAttributeValues?: Record<string, unknown>;
  };
}
export interface TransactDelete {
  readonly Delete: {
    readonly TableName: string;
    readonly Key: ItemKey;
    readonly ConditionExpression?: string;
    readonly ExpressionAttributeNames?: Record<string, string>;
    readonly ExpressionAttributeValues?: Record<string, unknown>;
  };
}
export interface TransactConditionCheck {
  readonly ConditionCheck: {
    readonly TableName: string;
    readonly Key: ItemKey;
    readonly ConditionExpression: string;
    readonly ExpressionAttributeNames?: Record<string, string>;
    readonly ExpressionAttributeValues?: Record<string, unknown>;
  };
}
export type TransactItem = TransactPut | TransactUpdate | TransactDelete | TransactConditionCheck;

/** A balance as read (consistently) before a write; `version` 0 means no item yet. */
export interface BalanceSnapshot {
  readonly userId: string;
  readonly asset: string;
  readonly available: bigint;
  readonly locked: bigint;
  readonly version: bigint;
}

/** One movement of one balance; several may apply to the same balance in one transaction. */
export interface BalanceChange {
  /** Unique per ledger entry; deterministic ids make a retried write idempotent. */
  readonly entryId: string;
  readonly type: LedgerType;
  readonly availableDelta: bigint;
  readonly lockedDelta: bigint;
  readonly reference: LedgerReference;
  readonly memo?: string;
}

/** A change would take `available` or `locked` below zero. */
export class BalanceUnderflowError extends Error {
  override readonly name = 'BalanceUnderflowError';
}

/** A zero balance for an account that has no item for the asset yet. */
export const emptyBalance = (userId: string, asset: string): BalanceSnapshot => ({
  userId,
  asset,
  available: 0n,
  locked: 0n,
  version: 0n,
});

/**
 * The writes applying `changes` (in order) to the balance read as `snapshot`, at time `at`:
 * one Put (new balance, `attribute_not_exists`) or Update (`version = :read`) of the balance
 * and one ledger Put per change, each ledger entry carrying the balance right after it.
 * DynamoDB allows one operation per item in a transaction, so combine all changes of one
 * balance into one call. Throws {@link BalanceUnderflowError} if any step goes negative.
 */
export function balanceWrites(
  tableName: string,
  snapshot: BalanceSnapshot,
  changes: readonly BalanceChange[],
  at: string,
): { items: TransactItem[]; after: BalanceSnapshot } {
  let available = snapshot.available;
  let locked = snapshot.locked;
  const ledger: TransactItem[] = [];
  for (const change of changes) {
    available += change.availableDelta;
    locked += change.lockedDelta;
    if (available < 0n || locked < 0n) {
      throw new BalanceUnderflowError(
        `${change.type} takes the ${snapshot.asset} balance of ${snapshot.userId} below zero`,
      );
    }
    ledger.push({
      Put: {
        TableName: tableName,
        Item: {
          ...ledgerKey(snapshot.userId, at, change.entryId),
          entity: 'LEDGER',
          id: change.entryId,
          user_id: snapshot.userId,
          type: change.type,
          asset: snapshot.asset,
          amount: change.availableDelta + change.lockedDelta,
          available_change: change.availableDelta,
          locked_change: change.lockedDelta,
          available_after: available,
          locked_after: locked,
          balance_after: available + locked,
          reference_type: change.reference.type,
          reference_id: change.reference.id,
          ...(change.memo === undefined ? {} : { memo: change.memo }),
          created_at: at,
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    });
  }
  const key = balanceKey(snapshot.userId, snapshot.asset);
  const index = {
    gsi1pk: balancesIndexPk(snapshot.asset, balanceShard(snapshot.userId)),
    gsi1sk: snapshot.userId,
  };
  const version = snapshot.version + 1n;
  const balance: TransactItem =
    snapshot.version === 0n
      ? {
          Put: {
            TableName: tableName,
            Item: {
              ...key,
              ...index,
              entity: 'BALANCE',
              user_id: snapshot.userId,
              asset: snapshot.asset,
              available,
              locked,
              version,
              updated_at: at,
            },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        }
      : {
          Update: {
            TableName: tableName,
            Key: key,
            UpdateExpression:
              'SET available = :available, locked = :locked, version = :next, updated_at = :at, gsi1pk = :g1pk, gsi1sk = :g1sk',
            ConditionExpression: 'version = :read',
            ExpressionAttributeValues: {
              ':available': available,
              ':locked': locked,
              ':next': version,
              ':read': snapshot.version,
              ':at': at,
              ':g1pk': index.gsi1pk,
              ':g1sk': index.gsi1sk,
            },
          },
        };
  return {
    items: [balance, ...ledger],
    after: { ...snapshot, available, locked, version },
  };
}

/**
 * Adds to the platform's deposits or withdrawals total of an asset (conservation counters),
 * in the same transaction as the balance change it accounts for.
 */
export function counterWrite(
  tableName: string,
  asset: string,
  field: 'deposits' | 'withdrawals',
  amount: bigint,
): TransactItem {
  return {
    Update: {
      TableName: tableName,
      Key: counterKey(asset),
      UpdateExpression: 'SET asset = :asset, entity = :entity ADD #field :amount',
      ExpressionAttributeNames: { '#field': field },
      ExpressionAttributeValues: { ':asset': asset, ':entity': 'COUNTER', ':amount': amount },
    },
  };
}
