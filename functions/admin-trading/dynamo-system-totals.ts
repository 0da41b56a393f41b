import { GetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { balanceItemSchema, counterItemSchema } from '../../shared/trading/balance-items';
import {
  BALANCE_SHARDS,
  balancesIndexPk,
  counterKey,
  FEES_ACCOUNT,
  feesAccountOf,
  isFeesAccount,
} from '../../shared/trading/keys';
import { matchingShards } from '../../shared/trading/shards';
import { readBalance } from '../balances/dynamo-movements';
import { queryPage } from '../../shared/aws/dynamo-query-page';
import type { SystemTotals } from './ports';

/**
 * Conservation inputs from the Trading table: the asset's counter item, the balances of
 * every fee account (one per matching shard, and the one from before shards), and every other balance of the asset through gsi1 (`BALANCES#<asset>#<shard>`, 16
 * partitions, read in parallel, 1 000 items per read). Index reads are eventually consistent:
 * the check is meant for quiescent points.
 */
const feeAccounts = [FEES_ACCOUNT, ...matchingShards.map((shard) => feesAccountOf(shard.id))];

export function dynamoSystemTotals(
  documents: DynamoDBDocumentClient,
  tableName: string,
): SystemTotals {
  const shardTotals = async (asset: string, shard: number) => {
    let available = 0n;
    let locked = 0n;
    let start: Record<string, unknown> | undefined;
    do {
      const page = await queryPage(
        documents,
        {
          TableName: tableName,
          IndexName: 'gsi1',
          KeyConditionExpression: 'gsi1pk = :pk',
          ExpressionAttributeValues: { ':pk': balancesIndexPk(asset, shard) },
          ScanIndexForward: true,
        },
        1000,
        start,
      );
      for (const raw of page.items) {
        const balance = balanceItemSchema.parse(raw);
        if (isFeesAccount(balance.user_id)) continue;
        available += balance.available;
        locked += balance.locked;
      }
      start = page.lastKey;
    } while (start !== undefined);
    return { available, locked };
  };

  return {
    async totals(asset) {
      const [counter, fees, shards] = await Promise.all([
        documents.send(
          new GetCommand({ TableName: tableName, Key: counterKey(asset), ConsistentRead: true }),
        ),
        Promise.all(
          feeAccounts.map((userId) => readBalance(documents, tableName, { userId, asset })),
        ),
        Promise.all(
          Array.from({ length: BALANCE_SHARDS }, (_, shard) => shardTotals(asset, shard)),
        ),
      ]);
      const counts = counterItemSchema.parse({ asset, ...(counter.Item ?? {}) });
      return {
        available: shards.reduce((sum, shard) => sum + shard.available, 0n),
        locked: shards.reduce((sum, shard) => sum + shard.locked, 0n),
        fees: fees.reduce((sum, fee) => sum + fee.available + fee.locked, 0n),
        deposits: counts.deposits,
        withdrawals: counts.withdrawals,
      };
    },
  };
}
