import { tradeIdOf } from '../../../shared/market-data/items';
import type { BalanceChange, TransactItem } from '../../../shared/trading/balance-writes';
import { fillAmounts } from '../../../shared/trading/fills';
import {
  FEES_ACCOUNT,
  openOrdersKey,
  orderKey,
  symbolTradesIndexPk,
  tradeKey,
} from '../../../shared/trading/keys';
import type { MarketUnits } from '../../../shared/trading/market-units';
import type { OrderItem } from '../../../shared/trading/order-items';
import type { LedgerType, OrderStatus } from '../../../shared/trading/vocabulary';
import type { BookEvent, TradeEvent } from '../engine';

/** A `place` the service refused before the book saw it (journaled with `seq` 0). */
export interface RefusedEvent {
  readonly type: 'refused';
  readonly seq: 0;
  readonly at: number;
  readonly orderId: string;
  readonly accountId: string;
  readonly reason: string;
}

/** What settlement consumes: the book's events and the service's refusals, in journal order. */
export type SettlementEvent = BookEvent | RefusedEvent;

/** Something settlement cannot apply and will not guess about; logged and counted. */
export interface Anomaly {
  readonly seq: number;
  readonly orderId: string;
  readonly problem: string;
}

/** Changes of one balance, in order. */
export interface BalanceMove {
  readonly userId: string;
  readonly asset: string;
  readonly changes: BalanceChange[];
}

/**
 * The writes of a run of events, short of the balances' own items: the caller reads each
 * balance in `moves`, turns it into versioned writes with `balanceWrites`, and commits them
 * with `items` in one transaction. Every order write is conditioned on the `settled_seq` it
 * was planned from, so a plan applied twice fails instead of paying twice.
 */
export interface SettlementPlan {
  readonly moves: readonly BalanceMove[];
  readonly items: readonly TransactItem[];
  /** Orders as they will be once the transaction commits. */
  readonly orders: ReadonlyMap<string, OrderItem>;
  readonly anomalies: readonly Anomaly[];
  /** Events that changed something (the rest were already settled or need no write). */
  readonly applied: number;
}

/** The market a plan is for and the Trading table its writes go to. */
export interface SettlementMarket {
  readonly units: MarketUnits;
  readonly tableName: string;
  /**
   * Wall-clock time of this settlement, stamped on the orders it changes (`settled_at`) for
   * latency measurement only; everything else carries the engine's time.
   */
  readonly settledAt?: string;
}

const OPEN: readonly OrderStatus[] = ['PENDING', 'PARTIAL'];
const iso = (ms: number) => new Date(ms).toISOString();

interface Working {
  item: OrderItem;
  readonly read: OrderItem;
  final: boolean;
}

/**
 * Plans the settlement of `events` (one symbol, engine order) against `orders` as last read
 * (by id). Pure: the same inputs give the same plan.
 *
 * - trade: the buyer's quote lock pays `quote` (plus the unlock of `(limit − price) × qty` for a
 *   limit buy filled below its limit), the seller's base lock pays `base`; each receives the
 *   other asset minus its fee (rate fixed on its order: maker or taker), and the fee account
 *   gets both fees;
 * - an order whose engine remainder reaches zero is FILLED; cancelled / expired / rejected
 *   (except a duplicate id, which concerns another delivery of a live order) and refused
 *   orders are final; a final order returns its `lock_remaining`, leaves the open-order index
 *   and its count;
 * - accepted marks `accepted_at`, which keeps the API's reconciler from releasing the order.
 */
export function planSettlement(
  market: SettlementMarket,
  events: readonly SettlementEvent[],
  orders: ReadonlyMap<string, OrderItem>,
): SettlementPlan {
  const working = new Map<string, Working>();
  const moves = new Map<string, BalanceMove>();
  const extra: TransactItem[] = [];
  /** Orders each user closes here: one counter write per user (one operation per item). */
  const closedPerUser = new Map<string, number>();
  const anomalies: Anomaly[] = [];
  let applied = 0;
  const { units, tableName } = market;
  const symbol = units.market.symbol;

  const order = (id: string, seq: number): Working | undefined => {
    let w = working.get(id);
    if (w === undefined) {
      const read = orders.get(id);
      if (read === undefined) {
        anomalies.push({ seq, orderId: id, problem: 'order item not found' });
        return undefined;
      }
      w = { item: read, read, final: false };
      working.set(id, w);
    }
    return w;
  };
  const settled = (w: Working, seq: number) => (w.item.settled_seq ?? -1) >= seq;
  const open = (w: Working) => OPEN.includes(w.item.status);
  const move = (userId: string, asset: string, change: BalanceChange) => {
    const key = `${userId}\u0000${asset}`;
    let m = moves.get(key);
    if (m === undefined) {
      m = { userId, asset, changes: [] };
      moves.set(key, m);
    }
    m.changes.push(change);
  };
  const ledger = (
    userId: string,
    asset: string,
    entryId: string,
    type: LedgerType,
    availableDelta: bigint,
    lockedDelta: bigint,
    reference: BalanceChange['reference'],
  ) => {
    if (availableDelta === 0n && lockedDelta === 0n) return;
    move(userId, asset, { entryId, type, availableDelta, lockedDelta, reference });
  };
  const finish = (w: Working, status: OrderStatus, seq: number, at: number, reason?: string) => {
    const o = w.item;
    ledger(
      o.user_id,
      o.lock_asset,
      `${o.id}.release`,
      'ORDER_UNLOCK',
      o.lock_remaining,
      -o.lock_remaining,
      { type: 'ORDER', id: o.id },
    );
    w.item = {
      ...o,
      status,
      lock_remaining: 0n,
      settled_seq: seq,
      updated_at: iso(at),
      ...(reason === undefined ? {} : { reject_reason: reason }),
    };
    w.final = true;
    closedPerUser.set(o.user_id, (closedPerUser.get(o.user_id) ?? 0) + 1);
  };

  const trade = (e: TradeEvent) => {
    const taker = order(e.takerOrderId, e.seq);
    const maker = order(e.makerOrderId, e.seq);
    if (taker === undefined || maker === undefined) return;
    if (settled(taker, e.seq) && settled(maker, e.seq)) return;
    if (settled(taker, e.seq) || settled(maker, e.seq) || !open(taker) || !open(maker)) {
      anomalies.push({ seq: e.seq, orderId: e.takerOrderId, problem: 'trade on a settled order' });
      return;
    }
    const takerBuys = e.takerSide === 'BUY';
    const [buyer, seller] = takerBuys ? [taker, maker] : [maker, taker];
    const fee = (w: Working) => (w === taker ? w.item.taker_fee_ppm : w.item.maker_fee_ppm);
    const amounts = fillAmounts(units, {
      priceTicks: BigInt(e.price),
      lots: BigInt(e.quantity),
      buyerFeePpm: fee(buyer),
      sellerFeePpm: fee(seller),
      ...(buyer.item.type === 'LIMIT' && buyer.item.price !== null
        ? { buyerLimitTicks: buyer.item.price }
        : {}),
    });
    const buyerSpends = amounts.quote + amounts.buyerRefund;
    if (buyer.item.lock_remaining < buyerSpends || seller.item.lock_remaining < amounts.base) {
      anomalies.push({ seq: e.seq, orderId: e.takerOrderId, problem: 'fill exceeds the lock' });
      return;
    }
    const id = tradeIdOf(symbol, e.seq);
    const ref = { type: 'TRADE' as const, id };
    const base = units.base.code;
    const quote = units.quote.code;
    const b = buyer.item.user_id;
    const s = seller.item.user_id;
    const bTag = buyer === taker ? 'T' : 'M';
    const sTag = seller === taker ? 'T' : 'M';
    ledger(b, quote, `${id}.${bTag}.debit`, 'TRADE_DEBIT', 0n, -amounts.quote, ref);
    ledger(
      b,
      quote,
      `${id}.${bTag}.refund`,
      'ORDER_UNLOCK',
      amounts.buyerRefund,
      -amounts.buyerRefund,
      {
        type: 'ORDER',
        id: buyer.item.id,
      },
    );
    ledger(b, base, `${id}.${bTag}.credit`, 'TRADE_CREDIT', amounts.base, 0n, ref);
    ledger(b, base, `${id}.${bTag}.fee`, 'FEE', -amounts.buyerFee, 0n, ref);
    ledger(s, base, `${id}.${sTag}.debit`, 'TRADE_DEBIT', 0n, -amounts.base, ref);
    ledger(s, quote, `${id}.${sTag}.credit`, 'TRADE_CREDIT', amounts.quote, 0n, ref);
    ledger(s, quote, `${id}.${sTag}.fee`, 'FEE', -amounts.sellerFee, 0n, ref);
    ledger(FEES_ACCOUNT, base, `${id}.fee.base`, 'FEE_INCOME', amounts.buyerFee, 0n, ref);
    ledger(FEES_ACCOUNT, quote, `${id}.fee.quote`, 'FEE_INCOME', amounts.sellerFee, 0n, ref);

    const at = iso(e.at);
    const fill = (w: Working, spent: bigint, feePaid: bigint, remaining: number) => {
      w.item = {
        ...w.item,
        filled_quantity: w.item.filled_quantity + BigInt(e.quantity),
        filled_quote: w.item.filled_quote + amounts.quote,
        fee_total: w.item.fee_total + feePaid,
        lock_remaining: w.item.lock_remaining - spent,
        status: 'PARTIAL',
        settled_seq: e.seq,
        updated_at: at,
      };
      if (remaining === 0) finish(w, 'FILLED', e.seq, e.at);
    };
    fill(
      buyer,
      buyerSpends,
      amounts.buyerFee,
      buyer === taker ? e.takerRemaining : e.makerRemaining,
    );
    fill(
      seller,
      amounts.base,
      amounts.sellerFee,
      seller === taker ? e.takerRemaining : e.makerRemaining,
    );
    extra.push(
      tradePut(market, e, taker.item, maker.item, 'TAKER', amounts),
      tradePut(market, e, maker.item, taker.item, 'MAKER', amounts),
    );
    applied += 1;
  };

  const close = (
    orderId: string,
    seq: number,
    at: number,
    status: OrderStatus,
    reason?: string,
  ) => {
    const w = order(orderId, seq);
    if (w === undefined || settled(w, seq) || !open(w)) return;
    if (seq === 0 && w.item.settled_seq !== undefined) return;
    finish(w, status, seq, at, reason);
    applied += 1;
  };

  for (const e of events) {
    switch (e.type) {
      case 'trade':
        trade(e);
        break;
      case 'accepted': {
        const w = order(e.orderId, e.seq);
        if (w === undefined || settled(w, e.seq) || w.item.accepted_at !== undefined) break;
        w.item = { ...w.item, accepted_at: iso(e.at), settled_seq: e.seq };
        applied += 1;
        break;
      }
      case 'cancelled':
        close(e.orderId, e.seq, e.at, 'CANCELLED');
        break;
      case 'expired':
        close(e.orderId, e.seq, e.at, 'EXPIRED', e.reason);
        break;
      case 'rejected':
        if (e.command === 'place' && e.reason !== 'DUPLICATE_ORDER_ID') {
          close(e.orderId, e.seq, e.at, 'REJECTED', e.reason);
        }
        break;
      case 'refused':
        close(e.orderId, 0, e.at, 'REJECTED', e.reason);
        break;
      case 'rested':
        break;
    }
  }

  const items: TransactItem[] = [];
  const after = new Map<string, OrderItem>();
  for (const [id, w] of working) {
    after.set(id, w.item);
    if (w.item !== w.read) items.push(orderUpdate(tableName, w, market.settledAt));
  }
  for (const [userId, closed] of closedPerUser) {
    items.push(openOrdersDecrement(tableName, userId, closed));
  }
  return {
    moves: [...moves.values()],
    items: [...items, ...extra],
    orders: after,
    anomalies,
    applied,
  };
}

function openOrdersDecrement(tableName: string, userId: string, closed: number): TransactItem {
  return {
    Update: {
      TableName: tableName,
      Key: openOrdersKey(userId),
      UpdateExpression: 'ADD #count :minus',
      ExpressionAttributeNames: { '#count': 'count' },
      ExpressionAttributeValues: { ':minus': -closed },
    },
  };
}

function orderUpdate(tableName: string, w: Working, settledAt: string | undefined): TransactItem {
  const o = w.item;
  const values: Record<string, unknown> = {
    ':status': o.status,
    ':fq': o.filled_quantity,
    ':fqt': o.filled_quote,
    ':fee': o.fee_total,
    ':lock': o.lock_remaining,
    ':seq': o.settled_seq,
    ':at': o.updated_at,
    ':pending': 'PENDING',
    ':partial': 'PARTIAL',
  };
  const set = [
    '#status = :status',
    'filled_quantity = :fq',
    'filled_quote = :fqt',
    'fee_total = :fee',
    'lock_remaining = :lock',
    'settled_seq = :seq',
    'updated_at = :at',
  ];
  if (settledAt !== undefined) {
    set.push('settled_at = :settled');
    values[':settled'] = settledAt;
  }
  if (o.accepted_at !== undefined) {
    set.push('accepted_at = :accepted');
    values[':accepted'] = o.accepted_at;
  }
  if (o.reject_reason !== null && o.reject_reason !== w.read.reject_reason) {
    set.push('reject_reason = :reason');
    values[':reason'] = o.reject_reason;
  }
  let condition = '#status IN (:pending, :partial) AND ';
  if (w.read.settled_seq === undefined) {
    condition += 'attribute_not_exists(settled_seq)';
  } else {
    condition += 'settled_seq = :read';
    values[':read'] = w.read.settled_seq;
  }
  return {
    Update: {
      TableName: tableName,
      Key: orderKey(o.user_id, o.id),
      UpdateExpression: `SET ${set.join(', ')}${w.final ? ' REMOVE gsi1pk, gsi1sk' : ''}`,
      ConditionExpression: condition,
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: values,
    },
  };
}

function tradePut(
  { units, tableName }: SettlementMarket,
  e: TradeEvent,
  own: OrderItem,
  other: OrderItem,
  role: 'TAKER' | 'MAKER',
  amounts: ReturnType<typeof fillAmounts>,
): TransactItem {
  const id = tradeIdOf(units.market.symbol, e.seq);
  const at = iso(e.at);
  const buys = own.side === 'BUY';
  return {
    Put: {
      TableName: tableName,
      Item: {
        ...tradeKey(own.user_id, at, id, role),
        entity: 'TRADE',
        id,
        user_id: own.user_id,
        order_id: own.id,
        symbol: units.market.symbol,
        side: own.side,
        role,
        price: BigInt(e.price),
        quantity: BigInt(e.quantity),
        quote_amount: amounts.quote,
        fee: buys ? amounts.buyerFee : amounts.sellerFee,
        fee_asset: buys ? units.base.code : units.quote.code,
        counterparty_order_id: other.id,
        counterparty_user_id: other.user_id,
        executed_at: at,
        ...(role === 'TAKER'
          ? { gsi2pk: symbolTradesIndexPk(units.market.symbol), gsi2sk: `${at}#${id}` }
          : {}),
      },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
}
