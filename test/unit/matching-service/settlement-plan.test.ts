import { describe, expect, it } from 'vitest';
import type { BookEvent } from '../../../matching-service/src/engine';
import { planSettlement } from '../../../matching-service/src/settlement/plan';
import type {
  SettlementEvent,
  SettlementMarket,
} from '../../../matching-service/src/settlement/types';
import { findMarket } from '../../../shared/domain/markets';
import type { TransactItem, TransactUpdate } from '../../../shared/trading/balance-writes';
import { marketUnits } from '../../../shared/trading/market-units';
import type { OrderItem } from '../../../shared/trading/order-items';
import { pendingLimitOrder } from '../../support/order-items';

// ETHUSDT: tick 0.01 USDT, lot 0.0001 ETH; USDT and ETH have 8 decimals, so one lot is
// 10 000 ETH minor units and one tick×lot is 100 USDT minor units.
const market: SettlementMarket = {
  units: marketUnits(findMarket('ETHUSDT')!),
  tableName: 'Trading',
  feesAccount: 'FEES-eth',
};
const ticks = (price: number) => Math.round(price * 100);
const lots = (quantity: number) => Math.round(quantity * 10_000);
const usdt = (amount: number) => BigInt(Math.round(amount * 1e8));
const eth = (amount: number) => BigInt(Math.round(amount * 1e8));

const order = (over: Partial<OrderItem> & Pick<OrderItem, 'id' | 'user_id' | 'side'>) =>
  pendingLimitOrder({
    symbol: 'ETHUSDT',
    quantity: BigInt(lots(1)),
    price: BigInt(ticks(3000)),
    lock_asset: over.side === 'BUY' ? 'USDT' : 'ETH',
    ...over,
  });

const at = Date.parse('2026-11-24T10:00:00.000Z');
const trade = (over: Partial<Extract<BookEvent, { type: 'trade' }>> = {}): BookEvent => ({
  type: 'trade',
  seq: 7,
  at,
  takerOrderId: 'bid',
  makerOrderId: 'ask',
  takerAccountId: 'buyer',
  makerAccountId: 'seller',
  price: ticks(3100),
  quantity: lots(0.5),
  takerSide: 'BUY',
  takerRemaining: 0,
  makerRemaining: lots(0.5),
  ...over,
});

const ordersOf = (...items: OrderItem[]) => new Map(items.map((o) => [o.id, o]));
const deltas = (plan: ReturnType<typeof planSettlement>, userId: string, asset: string) =>
  plan.moves
    .filter((m) => m.userId === userId && m.asset === asset)
    .flatMap((m) => m.changes)
    .map((c) => [c.type, c.availableDelta, c.lockedDelta]);
const updates = (items: readonly TransactItem[]): TransactUpdate['Update'][] =>
  items.flatMap((i) => ('Update' in i ? [i.Update] : []));
const orderUpdate = (plan: ReturnType<typeof planSettlement>, id: string) =>
  updates(plan.items).find((u) => u.Key.sk === `ORDER#${id}`);

const bid = order({
  id: 'bid',
  user_id: 'buyer',
  side: 'BUY',
  price: BigInt(ticks(3150)),
  quantity: BigInt(lots(0.5)),
  locked: usdt(1575),
  lock_remaining: usdt(1575),
});
/** The engine's refusal of `bid`'s place, expired before it reached the book. */
const refused: SettlementEvent = {
  type: 'refused',
  seq: 0,
  at,
  orderId: 'bid',
  accountId: 'buyer',
  reason: 'COMMAND_EXPIRED',
};
const marketBuyTerms = {
  id: 'bid',
  user_id: 'buyer',
  side: 'BUY',
  type: 'MARKET',
  time_in_force: 'IOC',
  price: null,
  locked: usdt(1600),
  lock_remaining: usdt(1600),
} as const;
const ask = order({
  id: 'ask',
  user_id: 'seller',
  side: 'SELL',
  price: BigInt(ticks(3100)),
  locked: eth(1),
  lock_remaining: eth(1),
  settled_seq: 3,
});

describe('planSettlement', () => {
  it('moves both sides of a fill at the maker price, refunds the improvement and takes fees', () => {
    const plan = planSettlement(market, [trade()], ordersOf(bid, ask));

    expect(deltas(plan, 'buyer', 'USDT')).toEqual([
      ['TRADE_DEBIT', 0n, -usdt(1550)],
      ['ORDER_UNLOCK', usdt(25), -usdt(25)],
    ]);
    // taker 0.15 % of 0.5 ETH, in ETH; maker 0.10 % of 1550 USDT, in USDT
    expect(deltas(plan, 'buyer', 'ETH')).toEqual([
      ['TRADE_CREDIT', eth(0.5), 0n],
      ['FEE', -eth(0.00075), 0n],
    ]);
    expect(deltas(plan, 'seller', 'ETH')).toEqual([['TRADE_DEBIT', 0n, -eth(0.5)]]);
    expect(deltas(plan, 'seller', 'USDT')).toEqual([
      ['TRADE_CREDIT', usdt(1550), 0n],
      ['FEE', -usdt(1.55), 0n],
    ]);
    expect(deltas(plan, 'FEES-eth', 'ETH')).toEqual([['FEE_INCOME', eth(0.00075), 0n]]);
    expect(deltas(plan, 'FEES-eth', 'USDT')).toEqual([['FEE_INCOME', usdt(1.55), 0n]]);
    expect(plan.orders.get('bid')).toMatchObject({
      status: 'FILLED',
      filled_quantity: BigInt(lots(0.5)),
      filled_quote: usdt(1550),
      fee_total: eth(0.00075),
      lock_remaining: 0n,
      settled_seq: 7,
    });
    expect(plan.orders.get('ask')).toMatchObject({
      status: 'PARTIAL',
      lock_remaining: eth(0.5),
      settled_seq: 7,
    });
    expect(plan.anomalies).toEqual([]);
  });

  it('conditions every order write on the settled_seq it read and the order being open', () => {
    const plan = planSettlement(market, [trade()], ordersOf(bid, ask));

    expect(orderUpdate(plan, 'bid')).toMatchObject({
      ConditionExpression: '#status IN (:pending, :partial) AND attribute_not_exists(settled_seq)',
    });
    expect(orderUpdate(plan, 'bid')?.UpdateExpression).toContain('REMOVE gsi1pk, gsi1sk');
    expect(orderUpdate(plan, 'ask')).toMatchObject({
      ConditionExpression: '#status IN (:pending, :partial) AND settled_seq = :read',
      ExpressionAttributeValues: expect.objectContaining({ ':read': 3, ':seq': 7 }),
    });
    expect(orderUpdate(plan, 'ask')?.UpdateExpression).not.toContain('REMOVE');
  });

  it('writes one trade item per side, the taker copy indexed for the market, never overwritten', () => {
    const plan = planSettlement(market, [trade()], ordersOf(bid, ask));
    const puts = plan.items.flatMap((i) => ('Put' in i ? [i.Put] : []));

    expect(puts.map((p) => [p.Item['role'], p.Item['user_id'], p.Item['fee']])).toEqual([
      ['TAKER', 'buyer', eth(0.00075)],
      ['MAKER', 'seller', usdt(1.55)],
    ]);
    expect(puts[0]!.Item).toMatchObject({ id: 'ETHUSDT-7', gsi2pk: 'TRADES#ETHUSDT' });
    expect(puts[1]!.Item['gsi2pk']).toBeUndefined();
    expect(puts.every((p) => p.ConditionExpression === 'attribute_not_exists(pk)')).toBe(true);
  });

  it('plans nothing for events already settled into the orders', () => {
    const settled = planSettlement(
      market,
      [trade()],
      ordersOf({ ...bid, status: 'PARTIAL', settled_seq: 7 }, { ...ask, settled_seq: 7 }),
    );

    expect(settled.items).toEqual([]);
    expect(settled.moves).toEqual([]);
    expect(settled.applied).toBe(0);
  });

  it('releases the remaining lock of a cancelled order and counts it closed', () => {
    const cancelled: SettlementEvent = {
      type: 'cancelled',
      seq: 9,
      at,
      orderId: 'ask',
      accountId: 'seller',
      remaining: lots(1),
    };

    const plan = planSettlement(market, [cancelled], ordersOf(ask));

    expect(deltas(plan, 'seller', 'ETH')).toEqual([['ORDER_UNLOCK', eth(1), -eth(1)]]);
    expect(plan.orders.get('ask')).toMatchObject({ status: 'CANCELLED', lock_remaining: 0n });
    expect(updates(plan.items).find((u) => u.Key.sk === 'OPEN_ORDERS')).toMatchObject({
      UpdateExpression: 'ADD #count :minus',
    });
  });

  it('closes several orders of one user with one counter write (one operation per item)', () => {
    const other = { ...ask, id: 'ask2', settled_seq: undefined };
    const cancel = (seq: number, orderId: string): SettlementEvent => ({
      type: 'cancelled',
      seq,
      at,
      orderId,
      accountId: 'seller',
      remaining: lots(1),
    });

    const plan = planSettlement(
      market,
      [cancel(9, 'ask'), cancel(10, 'ask2')],
      ordersOf(ask, other),
    );
    const counters = updates(plan.items).filter((u) => u.Key.sk === 'OPEN_ORDERS');
    const keys = plan.items.map((i) => {
      const key = 'Put' in i ? i.Put.Item : 'Update' in i ? i.Update.Key : {};
      return `${String(key['pk'])}|${String(key['sk'])}`;
    });

    expect(counters).toHaveLength(1);
    expect(counters[0]!.ExpressionAttributeValues).toEqual({ ':minus': -2 });
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('ignores a duplicate-id rejection and rejects a post-only order that would take', () => {
    const rejected = (seq: number, reason: 'DUPLICATE_ORDER_ID' | 'POST_ONLY_WOULD_TAKE') =>
      ({
        type: 'rejected',
        seq,
        at,
        command: 'place',
        orderId: 'bid',
        accountId: 'buyer',
        reason,
      }) as const;

    const duplicate = planSettlement(market, [rejected(5, 'DUPLICATE_ORDER_ID')], ordersOf(bid));
    const postOnly = planSettlement(market, [rejected(5, 'POST_ONLY_WOULD_TAKE')], ordersOf(bid));

    expect(duplicate.items).toEqual([]);
    expect(postOnly.orders.get('bid')).toMatchObject({
      status: 'REJECTED',
      reject_reason: 'POST_ONLY_WOULD_TAKE',
    });
    expect(deltas(postOnly, 'buyer', 'USDT')).toEqual([['ORDER_UNLOCK', usdt(1575), -usdt(1575)]]);
  });

  it('rejects a refused command only while the engine never settled anything into the order', () => {
    const fresh = planSettlement(market, [refused], ordersOf(bid));
    const known = planSettlement(market, [refused], ordersOf({ ...bid, settled_seq: 2 }));

    expect(fresh.orders.get('bid')).toMatchObject({
      status: 'REJECTED',
      reject_reason: 'COMMAND_EXPIRED',
    });
    expect(known.items).toEqual([]);
  });

  it('returns what a market buy by quote did not spend when it fills', () => {
    const marketBuy = order({ ...marketBuyTerms, quantity: null, quote_order_qty: usdt(1600) });

    const plan = planSettlement(market, [trade({ takerRemaining: 0 })], ordersOf(marketBuy, ask));

    expect(deltas(plan, 'buyer', 'USDT')).toEqual([
      ['TRADE_DEBIT', 0n, -usdt(1550)],
      ['ORDER_UNLOCK', usdt(50), -usdt(50)],
    ]);
  });

  it('cancels, rather than rejects, a refused order whose cancel was requested', () => {
    const plan = planSettlement(market, [refused], ordersOf({ ...bid, cancel_requested: true }));

    expect(plan.orders.get('bid')).toMatchObject({ status: 'CANCELLED', reject_reason: null });
    expect(deltas(plan, 'buyer', 'USDT')).toEqual([['ORDER_UNLOCK', usdt(1575), -usdt(1575)]]);
  });

  it('fills a market buy by quote that spent its budget down to less than one lot', () => {
    const byQuote = order({
      ...marketBuyTerms,
      quantity: null,
      quote_order_qty: usdt(1600),
    });
    const byQuantity = order({ ...marketBuyTerms, quantity: BigInt(lots(0.6)) });
    const stop = (remaining: number): BookEvent => ({
      type: 'expired',
      seq: 8,
      at,
      orderId: 'bid',
      accountId: 'buyer',
      reason: 'QUOTE_LIMIT',
      remaining,
    });

    const spent = planSettlement(
      market,
      [trade({ takerRemaining: 50_000_000 }), stop(50_000_000)],
      ordersOf(byQuote, ask),
    );
    const unfilled = planSettlement(market, [stop(1_600_000_000)], ordersOf(byQuote));
    const protectedBuy = planSettlement(
      market,
      [trade({ takerRemaining: lots(0.1) }), stop(lots(0.1))],
      ordersOf(byQuantity, ask),
    );

    expect(spent.orders.get('bid')).toMatchObject({
      status: 'FILLED',
      reject_reason: null,
      filled_quantity: BigInt(lots(0.5)),
      lock_remaining: 0n,
    });
    expect(deltas(spent, 'buyer', 'USDT')).toEqual([
      ['TRADE_DEBIT', 0n, -usdt(1550)],
      ['ORDER_UNLOCK', usdt(50), -usdt(50)],
    ]);
    expect(unfilled.orders.get('bid')).toMatchObject({
      status: 'EXPIRED',
      reject_reason: 'QUOTE_LIMIT',
    });
    expect(protectedBuy.orders.get('bid')).toMatchObject({
      status: 'EXPIRED',
      reject_reason: 'QUOTE_LIMIT',
    });
  });

  it('refuses to guess when a fill exceeds the lock or an order is missing', () => {
    const starved = planSettlement(
      market,
      [trade()],
      ordersOf({ ...bid, lock_remaining: usdt(10) }, ask),
    );
    const orphan = planSettlement(market, [trade()], ordersOf(ask));

    expect(starved.items).toEqual([]);
    expect(starved.anomalies[0]?.problem).toBe('fill exceeds the lock');
    expect(orphan.items).toEqual([]);
    expect(orphan.anomalies[0]?.problem).toBe('order item not found');
  });
});
