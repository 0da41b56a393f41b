import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  DynamoDBDocumentClient,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
} from '@aws-sdk/lib-dynamodb';
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { storedOrder } from '../../../functions/orders/dynamo-order-store';
import { DynamoSettlement } from '../../../matching-service/src/settlement/dynamo-settlement';
import { SymbolBook } from '../../../matching-service/src/symbol-book';
import type { OrderCommand } from '../../../shared/contracts/commands';
import { createLogger } from '../../../shared/logging/logger';
import { balanceWrites, counterWrite, emptyBalance } from '../../../shared/trading/balance-writes';
import { accountPk, feesAccountOf, openOrdersKey } from '../../../shared/trading/keys';
import type { OrderItem } from '../../../shared/trading/order-items';
import { limitPlace } from '../../support/commands';
import { localEnv } from '../../support/local-stack';
import { pendingLimitOrder } from '../../support/order-items';

const logger = createLogger('test');
const fees = feesAccountOf('it');
logger.setLogLevel('SILENT');
const documents = () =>
  DynamoDBDocumentClient.from(new DynamoDBClient({}), {
    unmarshallOptions: { wrapNumbers: true },
  });
const table = () => localEnv()['TRADING_TABLE']!;
const e8 = (amount: number) => BigInt(Math.round(amount * 1e8));

/** Funds an account and writes an order holding its lock, as placing would. */
async function placed(order: Omit<OrderItem, 'locked' | 'lock_remaining'>, lock: bigint) {
  const asset = order.side === 'BUY' ? 'USDT' : 'ETH';
  const at = new Date().toISOString();
  const funded = balanceWrites(
    table(),
    emptyBalance(order.user_id, asset),
    [
      {
        entryId: `${order.id}-deposit`,
        type: 'DEPOSIT',
        availableDelta: lock,
        lockedDelta: 0n,
        reference: { type: 'DEPOSIT', id: order.id },
      },
      {
        entryId: `${order.id}-lock`,
        type: 'ORDER_LOCK',
        availableDelta: -lock,
        lockedDelta: lock,
        reference: { type: 'ORDER', id: order.id },
      },
    ],
    at,
  );
  await documents().send(
    new TransactWriteCommand({
      TransactItems: [...funded.items, counterWrite(table(), asset, 'deposits', lock)],
    }),
  );
  await documents().send(
    new PutCommand({
      TableName: table(),
      Item: storedOrder({ ...order, locked: lock, lock_remaining: lock }),
    }),
  );
  await documents().send(
    new PutCommand({ TableName: table(), Item: { ...openOrdersKey(order.user_id), count: 1 } }),
  );
}

const orderOf = (id: string, userId: string, side: 'BUY' | 'SELL', price: bigint) =>
  pendingLimitOrder({
    id,
    user_id: userId,
    symbol: 'ETHUSDT',
    side,
    quantity: 5_000n,
    price,
    lock_asset: side === 'BUY' ? 'USDT' : 'ETH',
    created_at: new Date().toISOString(),
    updated_at: new Date().toISOString(),
  });

const command = (o: ReturnType<typeof orderOf>, n: number, expiresAt?: number): OrderCommand =>
  limitPlace({
    symbol: 'ETHUSDT',
    commandId: o.command_id,
    orderId: o.id,
    account: o.user_id,
    side: o.side,
    price: Number(o.price),
    quantity: Number(o.quantity),
    issuedAt: Date.now() + n,
    expiresAt,
  });

async function itemsOf(userId: string, prefix: string) {
  const { Items = [] } = await documents().send(
    new QueryCommand({
      TableName: table(),
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': accountPk(userId), ':prefix': prefix },
      ConsistentRead: true,
    }),
  );
  return Items;
}

/** An ETHUSDT book remembering `recentCommandCapacity` command ids (redeliveries skipped). */
const ethBook = (recentCommandCapacity: number) =>
  SymbolBook.create('ETHUSDT', { defaultStp: 'NONE', seenIdCapacity: 10, recentCommandCapacity });

const number = (value: unknown) => BigInt((value as { value: string }).value);

describe('DynamoSettlement', () => {
  it('settles a fill once, however often the record is settled again', async () => {
    // ETHUSDT: 0.5 ETH (5 000 lots) sold at 3100 (310 000 ticks) to a bid at 3150.
    const seller = `seller-${randomUUID()}`;
    const buyer = `buyer-${randomUUID()}`;
    const ask = orderOf(randomUUID(), seller, 'SELL', 310_000n);
    const bid = orderOf(randomUUID(), buyer, 'BUY', 315_000n);
    await placed(ask, e8(0.5));
    await placed(bid, e8(1575));
    const book = ethBook(10);
    const record = book.apply(
      [
        { messageId: 'm1', command: command(ask, 0) },
        { messageId: 'm2', command: command(bid, 1) },
      ],
      Date.now(),
    )!;

    const shardFees = feesAccountOf(`it-${randomUUID().slice(0, 8)}`);
    await new DynamoSettlement(documents(), table(), logger, shardFees).settle([record]);
    await new DynamoSettlement(documents(), table(), logger, shardFees).settle([record]);
    const again = new DynamoSettlement(documents(), table(), logger, shardFees);
    await again.settle([record]);
    await again.settle([record]);

    const [buyerUsdt] = await itemsOf(buyer, 'BALANCE#USDT');
    const [buyerEth] = await itemsOf(buyer, 'BALANCE#ETH');
    const [sellerUsdt] = await itemsOf(seller, 'BALANCE#USDT');
    const [bidItem] = await itemsOf(buyer, `ORDER#${bid.id}`);
    expect(number(buyerUsdt!['available'])).toBe(e8(25));
    expect(number(buyerUsdt!['locked'])).toBe(0n);
    expect(number(buyerEth!['available'])).toBe(e8(0.5) - e8(0.00075));
    expect(number(sellerUsdt!['available'])).toBe(e8(1550) - e8(1.55));
    const [feesEth] = await itemsOf(shardFees, 'BALANCE#ETH');
    const [feesUsdt] = await itemsOf(shardFees, 'BALANCE#USDT');
    expect(number(feesEth!['available'])).toBe(e8(0.00075));
    expect(number(feesUsdt!['available'])).toBe(e8(1.55));
    expect(bidItem).toMatchObject({ status: 'FILLED' });
    expect(bidItem!['gsi1pk']).toBeUndefined();
    expect(await itemsOf(buyer, 'TRADE#')).toHaveLength(1);
    expect(await itemsOf(seller, 'TRADE#')).toHaveLength(1);
    // deposit + lock, then debit + refund (USDT) and credit + fee (ETH)
    expect(await itemsOf(buyer, 'LEDGER#')).toHaveLength(6);
    const [openOrders] = await itemsOf(buyer, 'OPEN_ORDERS');
    expect(number(openOrders!['count'])).toBe(0n);
  });

  it('settles a maker the order cache forgets while reading the rest of the run', async () => {
    // A cache of one order: reading the second taker evicts the resting maker the run needs.
    const seller = `seller-${randomUUID()}`;
    const ask = orderOf(randomUUID(), seller, 'SELL', 310_000n);
    const bids = [2_000n, 3_000n].map((quantity) => ({
      ...orderOf(randomUUID(), `buyer-${randomUUID()}`, 'BUY', 310_000n),
      quantity,
    }));
    await placed(ask, e8(0.5));
    await placed(bids[0]!, e8(620));
    await placed(bids[1]!, e8(930));
    const book = ethBook(10);
    const records = [ask, ...bids].map((order, n) =>
      book.apply([{ messageId: `m${n}`, command: command(order, n) }], Date.now())!,
    );
    const settlement = new DynamoSettlement(documents(), table(), logger, fees, 1);

    for (const record of records) await settlement.settle([record]);

    const [askItem] = await itemsOf(seller, `ORDER#${ask.id}`);
    const [sellerEth] = await itemsOf(seller, 'BALANCE#ETH');
    expect(askItem).toMatchObject({ status: 'FILLED' });
    expect(number(sellerEth!['locked'])).toBe(0n);
    expect(await itemsOf(seller, 'TRADE#')).toHaveLength(2);
  });

  it('closes an expired place the engine refused, returning its lock', async () => {
    const buyer = `buyer-${randomUUID()}`;
    const bid = orderOf(randomUUID(), buyer, 'BUY', 300_000n);
    await placed(bid, e8(1500));
    const book = ethBook(10);
    const now = Date.now();

    const record = book.apply([{ messageId: 'm1', command: command(bid, 0, now - 1) }], now)!;
    await new DynamoSettlement(documents(), table(), logger, fees).settle([record]);

    const [usdt] = await itemsOf(buyer, 'BALANCE#USDT');
    const [bidItem] = await itemsOf(buyer, `ORDER#${bid.id}`);
    const [openOrders] = await itemsOf(buyer, 'OPEN_ORDERS');
    expect(record.entries[0]).toMatchObject({ refused: 'COMMAND_EXPIRED' });
    expect(bidItem).toMatchObject({ status: 'REJECTED', reject_reason: 'COMMAND_EXPIRED' });
    expect(number(usdt!['available'])).toBe(e8(1500));
    expect(number(usdt!['locked'])).toBe(0n);
    expect(number(openOrders!['count'])).toBe(0n);
  });

  it('never closes an accepted order when a late redelivery of its command is refused', async () => {
    // The reconciler resends a place whose first send "failed" but did reach the engine.
    const buyer = `buyer-${randomUUID()}`;
    const other = `buyer-${randomUUID()}`;
    const bid = orderOf(randomUUID(), buyer, 'BUY', 300_000n);
    const filler = orderOf(randomUUID(), other, 'BUY', 290_000n);
    await placed(bid, e8(1500));
    await placed(filler, e8(1450));
    const book = ethBook(1);
    const now = Date.now();
    const expiresAt = now + 1_000;

    const accepted = book.apply([{ messageId: 'm1', command: command(bid, 0, expiresAt) }], now)!;
    const between = book.apply([{ messageId: 'm2', command: command(filler, 1) }], now)!;
    const late = book.apply(
      [{ messageId: 'm3', command: command(bid, 0, expiresAt) }],
      expiresAt + 60_000,
    )!;
    await new DynamoSettlement(documents(), table(), logger, fees).settle([accepted]);
    await new DynamoSettlement(documents(), table(), logger, fees).settle([between, late]);

    const [usdt] = await itemsOf(buyer, 'BALANCE#USDT');
    const [bidItem] = await itemsOf(buyer, `ORDER#${bid.id}`);
    expect(late.entries[0]).toMatchObject({ refused: 'COMMAND_EXPIRED' });
    expect(book.orderBook.order(bid.id)).toBeDefined();
    expect(bidItem).toMatchObject({ status: 'PENDING' });
    expect(bidItem!['accepted_at']).toBeDefined();
    expect(number(usdt!['locked'])).toBe(e8(1500));
    expect(number(usdt!['available'])).toBe(0n);
  });
});
