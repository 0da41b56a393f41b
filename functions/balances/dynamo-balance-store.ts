import { QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ConflictError, InsufficientBalanceError } from '../../shared/domain/errors';
import { balanceItemSchema } from '../../shared/trading/balance-items';
import { counterWrite, type TransactItem } from '../../shared/trading/balance-writes';
import {
  accountPk,
  BALANCE_PREFIX,
  dailyKey,
  utcDay,
  type DailyKind,
} from '../../shared/trading/keys';
import { moveMoney, readBalance } from './dynamo-movements';
import type { BalanceStore } from './ports';

const DAILY_TTL_SECONDS = 3 * 24 * 3600;

/**
 * Adds `amount` to a day's total (faucet or withdrawals) unless that passes `limit`; the
 * condition compares with `limit − amount`, since conditions cannot add.
 */
export function dailyTotalWrite(
  tableName: string,
  userId: string,
  kind: DailyKind,
  asset: string,
  at: string,
  amount: bigint,
  limit: bigint,
): TransactItem {
  return {
    Update: {
      TableName: tableName,
      Key: dailyKey(userId, kind, asset, utcDay(at)),
      UpdateExpression: 'SET expires_at = :ttl ADD amount :amount',
      ConditionExpression: 'attribute_not_exists(amount) OR amount <= :room',
      ExpressionAttributeValues: {
        ':ttl': Math.floor(Date.parse(at) / 1000) + DAILY_TTL_SECONDS,
        ':amount': amount,
        ':room': limit - amount,
      },
    },
  };
}

/** Balances, the sandbox faucet and admin adjustments on the Trading table. */
export function dynamoBalanceStore(
  documents: DynamoDBDocumentClient,
  tableName: string,
): BalanceStore {
  return {
    get: (userId, asset) => readBalance(documents, tableName, { userId, asset }),

    async list(userId) {
      const { Items = [] } = await documents.send(
        new QueryCommand({
          TableName: tableName,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
          ExpressionAttributeValues: { ':pk': accountPk(userId), ':prefix': BALANCE_PREFIX },
          ConsistentRead: true,
        }),
      );
      return Items.map((raw) => {
        const item = balanceItemSchema.parse(raw);
        return {
          userId,
          asset: item.asset,
          available: item.available,
          locked: item.locked,
          version: item.version,
        };
      });
    },

    async deposit(request) {
      if (request.amount > request.dailyCap) {
        throw new ConflictError('The amount exceeds the daily faucet cap', {
          details: { asset: request.asset },
        });
      }
      const result = await moveMoney(
        documents,
        tableName,
        [{ userId: request.userId, asset: request.asset }],
        () => ({
          balanceChanges: [
            [
              {
                entryId: request.depositId,
                type: 'DEPOSIT',
                availableDelta: request.amount,
                lockedDelta: 0n,
                reference: { type: 'DEPOSIT', id: request.depositId },
              },
            ],
          ],
          items: [
            counterWrite(tableName, request.asset, 'deposits', request.amount),
            dailyTotalWrite(
              tableName,
              request.userId,
              'FAUCET',
              request.asset,
              request.at,
              request.amount,
              request.dailyCap,
            ),
          ],
        }),
        request.at,
      );
      if (!result.ok) {
        throw new ConflictError('The daily faucet cap for this asset is reached', {
          details: { asset: request.asset },
        });
      }
      return result.after[0]!;
    },

    async adjust(request) {
      const magnitude = request.amount < 0n ? -request.amount : request.amount;
      const result = await moveMoney(
        documents,
        tableName,
        [{ userId: request.userId, asset: request.asset }],
        ([balance]) => {
          if (balance!.available + request.amount < 0n) {
            throw new InsufficientBalanceError(
              `The debit exceeds the available ${request.asset} balance`,
            );
          }
          return {
            balanceChanges: [
              [
                {
                  entryId: request.adjustmentId,
                  type: 'ADJUSTMENT',
                  availableDelta: request.amount,
                  lockedDelta: 0n,
                  reference: { type: 'ADJUSTMENT', id: request.adjustmentId },
                  memo: request.reason,
                },
              ],
            ],
            items: [
              counterWrite(
                tableName,
                request.asset,
                request.amount < 0n ? 'withdrawals' : 'deposits',
                magnitude,
              ),
            ],
          };
        },
        request.at,
      );
      if (!result.ok) throw new Error('an adjustment has no conditional item of its own');
      return result.after[0]!;
    },
  };
}
