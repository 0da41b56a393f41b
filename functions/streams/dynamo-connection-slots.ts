import { DeleteCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { slotSk, SLOT_PREFIX } from './connection-items';

/** A slot a connection holds: `<USER#…|IP#…>` / `SLOT#<n>`. */
export interface SlotKey {
  readonly pk: string;
  readonly sk: string;
}

/**
 * The numbers below `limit` of `pk`'s slots that no live connection holds, in random order (so
 * concurrent connects mostly try different ones). A slot past its `expires_at` is free: a
 * connection that vanished without `$disconnect` stops counting when its record would expire.
 */
export async function freeSlots(
  documents: DynamoDBDocumentClient,
  tableName: string,
  pk: string,
  limit: number,
  nowSeconds: number,
): Promise<number[]> {
  const { Items = [] } = await documents.send(
    new QueryCommand({
      TableName: tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :slot)',
      ExpressionAttributeValues: { ':pk': pk, ':slot': SLOT_PREFIX },
      ConsistentRead: true,
    }),
  );
  const held = new Set(
    Items.filter((item) => Number(item['expires_at']) > nowSeconds).map((item) =>
      Number(String(item['sk']).slice(SLOT_PREFIX.length)),
    ),
  );
  const free = Array.from({ length: limit }, (_, n) => n).filter((n) => !held.has(n));
  for (let i = free.length - 1; i > 0; i -= 1) {
    const j = Math.floor(Math.random() * (i + 1));
    [free[i], free[j]] = [free[j]!, free[i]!];
  }
  return free;
}

/** The put that takes slot `n` of `pk` for a connection, only if no live connection holds it. */
export const slotPut = (
  tableName: string,
  pk: string,
  n: number,
  connectionId: string,
  expiresAt: number,
  nowSeconds: number,
) => ({
  Put: {
    TableName: tableName,
    Item: { pk, sk: slotSk(n), connection_id: connectionId, expires_at: expiresAt },
    ConditionExpression: 'attribute_not_exists(pk) OR expires_at <= :now',
    ExpressionAttributeValues: { ':now': nowSeconds },
  },
});

/** Frees the slots a connection holds, leaving any another connection has taken since. */
export async function releaseSlots(
  documents: DynamoDBDocumentClient,
  tableName: string,
  connectionId: string,
  slots: readonly SlotKey[],
): Promise<void> {
  for (const Key of slots) {
    try {
      await documents.send(
        new DeleteCommand({
          TableName: tableName,
          Key,
          ConditionExpression: 'connection_id = :id',
          ExpressionAttributeValues: { ':id': connectionId },
        }),
      );
    } catch (error) {
      if ((error as { name?: string }).name !== 'ConditionalCheckFailedException') throw error;
    }
  }
}
