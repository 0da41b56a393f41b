import { GetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { balanceItemSchema, counterItemSchema } from '../../shared/trading/balance-items';
import {
  BALANCE_SHARDS,
  balancesIndexPk,
  counterKey,
  FEES_ACCOUNT,
} from '../../shared/trading/keys';
import { readBalance } from '../balances/dynamo-movements';
import { queryPage } from '../balances/dynamo-pages';
import type { SystemTotals } from './ports';

/**
 * Conservation inputs from the Trading table: the asset's counter item, the fee account's
 * balance, and every other balance of the asset through gsi1 (`BALANCES#<asset>#<shard>`, 16
 * partitions, read in parallel, 1 000 items per read). Index reads are eventually consistent:
 * the check is meant for quiescent points.
 */
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
        if (balance.user_id === FEES_ACCOUNT) continue;
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
        readBalance(documents, tableName, { userId: FEES_ACCOUNT, asset }),
        Promise.all(
          Array.from({ length: BALANCE_SHARDS }, (_, shard) => shardTotals(asset, shard)),
        ),
      ]);
      const counts = counterItemSchema.parse({ asset, ...(counter.Item ?? {}) });
      return {
        available: shards.reduce((sum, shard) => sum + shard.available, 0n),
        locked: shards.reduce((sum, shard) => sum + shard.locked, 0n),
        fees: fees.available + fees.locked,
        deposits: counts.deposits,
        withdrawals: counts.withdrawals,
      };
    },
  };
}
