import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  GetCommand,
  TransactWriteCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { dynamoOrderStore, storedOrder } from '../../../functions/orders/dynamo-order-store';
import { cancelCommandOf, outboxEntryOf } from '../../../functions/orders/order-records';
import type { OrderItem } from '../../../shared/trading/order-items';

const order: OrderItem = {
  id: '01950000-0000-7000-8000-000000000001',
  user_id: 'user-1',
  client_order_id: null,
  symbol: 'BTCUSDT',
  side: 'BUY',
  type: 'LIMIT',
  time_in_force: 'GTC',
  post_only: false,
  quantity: 100n,
  price: 3_000_000n,
  quote_order_qty: null,
  status: 'PARTIAL',
  reject_reason: null,
  lock_asset: 'USDT',
  locked: 3_000_000_000n,
  lock_remaining: 1_500_000_000n,
  filled_quantity: 50n,
  filled_quote: 1_500_000_000n,
  fee_total: 0n,
  maker_fee_ppm: 1000,
  taker_fee_ppm: 1500,
  dispatch: 'SENT',
  command_id: 'cmd-1',
  cancel_requested: false,
  settled_seq: 7,
  created_at: '2026-03-01T12:00:00.000Z',
  updated_at: '2026-03-01T12:00:01.000Z',
};

/**
 * A document client whose first TransactWriteItems is cancelled by a concurrent transaction on
 * the order item (what DynamoDB answers while settlement is writing a fill into the same order):
 * reason `TransactionConflict`, nothing written. Later writes go through.
 */
function conflictingOnce() {
  let transactions = 0;
  const client = {
    async send(command: unknown) {
      if (command instanceof GetCommand) return { Item: storedOrder(order) };
      if (command instanceof TransactWriteCommand) {
        transactions += 1;
        if (transactions === 1) {
          throw new TransactionCanceledException({
            message: 'Transaction cancelled',
            $metadata: {},
            CancellationReasons: [{ Code: 'TransactionConflict' }, { Code: 'None' }],
          });
        }
        return {};
      }
      throw new Error('unexpected command');
    },
  };
  return {
    documents: client as unknown as DynamoDBDocumentClient,
    transactions: () => transactions,
  };
}

describe('dynamoOrderStore.requestCancel', () => {
  it('tries again when a concurrent write of the order cancelled the transaction', async () => {
    const { documents } = conflictingOnce();
    const store = dynamoOrderStore(documents, 'Trading');
    const now = new Date('2026-03-01T12:00:02.000Z');
    const outbox = outboxEntryOf(cancelCommandOf(order, 'cancel-cmd-1', now), order.user_id);

    const result = store.requestCancel(order, outbox, now.toISOString());

    await expect(result).resolves.toMatchObject({
      requested: true,
      order: { id: order.id, cancel_requested: true },
    });
  });
});
