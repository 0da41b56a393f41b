import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { gunzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { matchingShards } from '../../../shared/trading/shards';
import { send } from '../../support/api';
import { call } from '../../support/http';
import { localEnv } from '../../support/local-stack';
import { waitFor } from '../../support/polling';
import { signInNewMember, type SignedInUser } from '../../support/users';

/**
 * The local stack runs one matching process per shard, each consuming its shard's queue. An
 * order's journal record names the process that wrote it, and that process's heartbeat names
 * its shard. The bids rest far below every other test's prices and are cancelled at the end.
 */
const documents = () => DynamoDBDocumentClient.from(new DynamoDBClient({}));

/** The writer of the journal record that holds `orderId`'s place command, once it exists. */
async function journalWriterOf(symbol: string, orderId: string): Promise<string | undefined> {
  const { Items = [] } = await documents().send(
    new QueryCommand({
      TableName: localEnv()['JOURNAL_TABLE']!,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': `JOURNAL#${symbol}` },
      ScanIndexForward: false,
      Limit: 1000,
    }),
  );
  const record = Items.find((item) => {
    const entries = JSON.parse(gunzipSync(item['entries'] as Uint8Array).toString('utf8')) as {
      command: { type: string; order?: { id: string } } | null;
    }[];
    return entries.some((e) => e.command?.type === 'place' && e.command.order?.id === orderId);
  });
  return record?.['writer'] as string | undefined;
}

const shardOfInstance = async (instanceId: string): Promise<unknown> =>
  (
    await documents().send(
      new GetCommand({
        TableName: localEnv()['JOURNAL_TABLE']!,
        Key: { pk: 'HEARTBEAT', sk: `matching#${instanceId}` },
      }),
    )
  ).Item?.['shard'];

let trader: SignedInUser;

beforeAll(async () => {
  trader = await signInNewMember([], 'shards');
  await send('POST', '/account/deposit', trader.accessToken, { asset: 'USDT', amount: '100' });
});

describe('matching shards on the running stack', () => {
  it('reports a live instance of every shard in /api/health', async () => {
    const { body } = await call(`${localEnv()['API_URL']!}/health`);

    expect(body.data.dependencies.matching).toMatchObject({ status: 'up' });
    for (const shard of matchingShards) {
      expect(body.data.dependencies.matching.detail).toContain(`${shard.id}: 1 alive`);
    }
  });

  it.each([
    ['BTCUSDT', 'btc', '1111.11', '0.01'],
    ['ETHUSDT', 'eth', '11.11', '1'],
  ])('journals a %s order in the process of shard %s', async (symbol, shard, price, quantity) => {
    // Arrange
    const placed = await send('POST', '/orders', trader.accessToken, {
      symbol,
      side: 'BUY',
      type: 'LIMIT',
      price,
      quantity,
    });
    expect(placed.status).toBe(201);
    const orderId = placed.body.data.id as string;
    // Act
    const writer = await waitFor(() => journalWriterOf(symbol, orderId), 20_000);
    // Assert
    expect(await shardOfInstance(writer)).toBe(shard);
    expect((await send('DELETE', `/orders/${orderId}`, trader.accessToken)).status).toBe(202);
  });
});
