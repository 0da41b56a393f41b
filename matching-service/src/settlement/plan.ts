import { tradeIdOf } from '../../../shared/market-data/items';
import type { BalanceChange, TransactItem } from '../../../shared/trading/balance-writes';
import { fillAmounts } from '../../../shared/trading/fills';
import type { OrderItem } from '../../../shared/trading/order-items';
import type { LedgerType, OrderStatus } from '../../../shared/trading/vocabulary';
import type { TradeEvent } from '../engine';
import { closingOf, type ClosingEvent } from './closing';
import type {
  Anomaly,
  BalanceMove,
  SettlementEvent,
  SettlementMarket,
  SettlementPlan,
} from './types';
import { openOrdersDecrement, orderUpdate, tradePut } from './writes';

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
 *   orders are final, with the status `closingOf` gives; a final order returns its
 *   `lock_remaining`, leaves the open-order index and its count;
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
    ledger(market.feesAccount, base, `${id}.fee.base`, 'FEE_INCOME', amounts.buyerFee, 0n, ref);
    ledger(market.feesAccount, quote, `${id}.fee.quote`, 'FEE_INCOME', amounts.sellerFee, 0n, ref);

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

  const close = (e: ClosingEvent) => {
    const w = order(e.orderId, e.seq);
    if (w === undefined || settled(w, e.seq) || !open(w)) return;
    if (e.seq === 0 && w.item.settled_seq !== undefined) return;
    const { status, reason } = closingOf(w.item, e);
    finish(w, status, e.seq, e.at, reason);
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
      case 'expired':
      case 'refused':
        close(e);
        break;
      case 'rejected':
        if (e.command === 'place' && e.reason !== 'DUPLICATE_ORDER_ID') close(e);
        break;
      case 'rested':
        break;
    }
  }

  const items: TransactItem[] = [];
  const after = new Map<string, OrderItem>();
  for (const [id, w] of working) {
    after.set(id, w.item);
    if (w.item !== w.read)
      items.push(orderUpdate(tableName, w.item, w.read, w.final, market.settledAt));
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
