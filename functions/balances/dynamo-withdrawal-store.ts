import { GetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import {
  ConflictError,
  InsufficientBalanceError,
  NotFoundError,
  PermissionDeniedError,
} from '../../shared/domain/errors';
import { counterWrite, type TransactItem } from '../../shared/trading/balance-writes';
import {
  dailyKey,
  utcDay,
  withdrawalKey,
  withdrawalPointerKey,
  withdrawalsIndexPk,
} from '../../shared/trading/keys';
import {
  withdrawalItemSchema,
  withdrawalPointerSchema,
  type WithdrawalItem,
} from '../../shared/trading/withdrawal-items';
import { decodeCursor, encodeCursor, indexKeys } from '../../shared/aws/page-cursor';
import { dailyTotalWrite } from './dynamo-balance-store';
import { moveMoney } from './dynamo-movements';
import { queryPage } from '../../shared/aws/dynamo-query-page';
import type { WithdrawalDecision, WithdrawalStore } from './ports';

const indexed = (item: WithdrawalItem) => ({
  gsi1pk: withdrawalsIndexPk(item.status),
  gsi1sk: `${item.created_at}#${item.id}`,
});

/** Withdrawals: lock on request, debit on approval, unlock on rejection. */
export function dynamoWithdrawalStore(
  documents: DynamoDBDocumentClient,
  tableName: string,
): WithdrawalStore {
  const load = async (withdrawalId: string): Promise<WithdrawalItem> => {
    const pointer = await documents.send(
      new GetCommand({ TableName: tableName, Key: withdrawalPointerKey(withdrawalId) }),
    );
    if (pointer.Item === undefined) throw new NotFoundError('No such withdrawal');
    const { user_id } = withdrawalPointerSchema.parse(pointer.Item);
    const { Item } = await documents.send(
      new GetCommand({
        TableName: tableName,
        Key: withdrawalKey(user_id, withdrawalId),
        ConsistentRead: true,
      }),
    );
    if (Item === undefined) throw new NotFoundError('No such withdrawal');
    return withdrawalItemSchema.parse(Item);
  };

  const decisionWrites = (current: WithdrawalItem, decided: WithdrawalItem): TransactItem[] => {
    const statusWrite: TransactItem = {
      Update: {
        TableName: tableName,
        Key: withdrawalKey(current.user_id, current.id),
        UpdateExpression:
          'SET #status = :status, reason = :reason, decided_by = :by, decided_at = :at, updated_at = :at, gsi1pk = :g1pk',
        ConditionExpression: '#status = :pending',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: {
          ':status': decided.status,
          ':reason': decided.reason,
          ':by': decided.decided_by,
          ':at': decided.decided_at,
          ':g1pk': indexed(decided).gsi1pk,
          ':pending': 'PENDING',
        },
      },
    };
    if (decided.status === 'APPROVED') {
      return [statusWrite, counterWrite(tableName, current.asset, 'withdrawals', current.amount)];
    }
    const giveBack: TransactItem = {
      Update: {
        TableName: tableName,
        Key: dailyKey(current.user_id, 'WITHDRAWN', current.asset, utcDay(current.created_at)),
        UpdateExpression: 'SET expires_at = if_not_exists(expires_at, :ttl) ADD amount :minus',
        ExpressionAttributeValues: {
          ':ttl': Math.floor(Date.parse(current.created_at) / 1000) + 3 * 24 * 3600,
          ':minus': -current.amount,
        },
      },
    };
    return [statusWrite, giveBack];
  };

  return {
    async request(request) {
      const item: WithdrawalItem = {
        id: request.withdrawalId,
        user_id: request.userId,
        asset: request.asset,
        amount: request.amount,
        address: request.address,
        status: 'PENDING',
        reason: null,
        decided_by: null,
        decided_at: null,
        created_at: request.at,
        updated_at: request.at,
      };
      const result = await moveMoney(
        documents,
        tableName,
        [{ userId: request.userId, asset: request.asset }],
        ([balance]) => {
          if (balance!.available < request.amount) {
            throw new InsufficientBalanceError(`Insufficient ${request.asset} balance`);
          }
          return {
            balanceChanges: [
              [
                {
                  entryId: request.withdrawalId,
                  type: 'WITHDRAWAL_LOCK',
                  availableDelta: -request.amount,
                  lockedDelta: request.amount,
                  reference: { type: 'WITHDRAWAL', id: request.withdrawalId },
                },
              ],
            ],
            items: [
              dailyTotalWrite(
                tableName,
                request.userId,
                'WITHDRAWN',
                request.asset,
                request.at,
                request.amount,
                request.dailyLimit,
              ),
              {
                Put: {
                  TableName: tableName,
                  Item: {
                    ...withdrawalKey(request.userId, request.withdrawalId),
                    ...indexed(item),
                    entity: 'WITHDRAWAL',
                    ...item,
                  },
                  ConditionExpression: 'attribute_not_exists(pk)',
                },
              },
              {
                Put: {
                  TableName: tableName,
                  Item: {
                    ...withdrawalPointerKey(request.withdrawalId),
                    user_id: request.userId,
                  },
                  ConditionExpression: 'attribute_not_exists(pk)',
                },
              },
            ],
          };
        },
        request.at,
      );
      if (!result.ok) {
        throw new ConflictError('The daily withdrawal limit for this asset is reached', {
          details: { asset: request.asset },
        });
      }
      return item;
    },

    async decide(decision: WithdrawalDecision) {
      const current = await load(decision.withdrawalId);
      if (decision.approve && current.user_id === decision.adminId) {
        throw new PermissionDeniedError('Another admin must approve your own withdrawal');
      }
      if (current.status !== 'PENDING') {
        throw new ConflictError(`The withdrawal is already ${current.status}`);
      }
      const decided: WithdrawalItem = {
        ...current,
        status: decision.approve ? 'APPROVED' : 'REJECTED',
        reason: decision.reason,
        decided_by: decision.adminId,
        decided_at: decision.at,
        updated_at: decision.at,
      };
      const result = await moveMoney(
        documents,
        tableName,
        [{ userId: current.user_id, asset: current.asset }],
        () => ({
          balanceChanges: [
            [
              {
                entryId: `${current.id}-${decision.approve ? 'debit' : 'unlock'}`,
                type: decision.approve ? 'WITHDRAWAL' : 'WITHDRAWAL_UNLOCK',
                availableDelta: decision.approve ? 0n : current.amount,
                lockedDelta: -current.amount,
                reference: { type: 'WITHDRAWAL', id: current.id },
                ...(decision.reason === null ? {} : { memo: decision.reason }),
              },
            ],
          ],
          items: decisionWrites(current, decided),
        }),
        decision.at,
      );
      if (!result.ok) throw new ConflictError('The withdrawal was decided meanwhile');
      return decided;
    },

    async list(status, page) {
      const partition = withdrawalsIndexPk(status);
      const start = decodeCursor(page.cursor, indexKeys('gsi1'), {
        name: 'gsi1pk',
        value: partition,
      });
      const { items, lastKey } = await queryPage(
        documents,
        {
          TableName: tableName,
          IndexName: 'gsi1',
          KeyConditionExpression: 'gsi1pk = :pk',
          ExpressionAttributeValues: { ':pk': partition },
          ScanIndexForward: true,
        },
        page.limit,
        start,
      );
      return {
        items: items.map((raw) => withdrawalItemSchema.parse(raw)),
        nextCursor: encodeCursor(lastKey),
      };
    },
  };
}
