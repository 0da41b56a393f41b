import type { BookState, Taker } from './book-state';
import { STP_MAKER, STP_TAKER } from './book-state';
import type { BookEvent } from './events';
import { NIL } from './order-pool';

/** The taker got everything it asked for (or spent its whole quote amount). */
export const STOP_FILLED = 0;
/** No more resting liquidity at an acceptable price. */
export const STOP_NO_LIQUIDITY = 1;
/** Self-trade prevention expired the taker. */
export const STOP_STP = 2;
/** The quote budget cannot pay for one lot at the current price; nothing further happens. */
export const STOP_QUOTE = 3;
/** A quote-sized order reached its lot cap. */
export const STOP_LOT_CAP = 4;

const crosses = (taker: Taker, price: number): boolean =>
  taker.isBuy ? price <= taker.limit : price >= taker.limit;

/**
 * Matches `state.taker` against the opposite side in price-time priority, emitting a trade per
 * fill and an `expired` per maker removed by STP, and sets `taker.stop`. Fills happen at the
 * maker's price. With a quote bound, each fill is capped at `floor(quote / price)` lots, so
 * `lots × price` never exceeds the (safe) budget, and the taker stops as soon as the budget
 * cannot pay one lot at the level it is on (a cheaper level further down is not visited).
 */
export const match = (state: BookState, out: BookEvent[]): void => {
  const taker = state.taker;
  const side = taker.isBuy ? state.asks : state.bids;
  const levels = state.levels;
  const orders = state.orders;
  for (;;) {
    const level = side.best();
    if (level === NIL || !crosses(taker, levels.price[level]!)) {
      taker.stop = STOP_NO_LIQUIDITY;
      return;
    }
    const price = levels.price[level]!;
    if (taker.quoteBound && taker.quote < price) {
      taker.stop = STOP_QUOTE;
      return;
    }
    let order = levels.head[level]!;
    let stopped = false;
    while (order !== NIL) {
      const next = orders.next[order]!;
      if (taker.stp !== 0 && orders.accountId[order] === taker.accountId) {
        if ((taker.stp & STP_MAKER) !== 0) expireMaker(state, level, order, out);
        if ((taker.stp & STP_TAKER) !== 0) {
          taker.stop = STOP_STP;
          stopped = true;
          break;
        }
        order = next;
        continue;
      }
      let lots = orders.remaining[order]!;
      if (lots > taker.lots) lots = taker.lots;
      if (taker.quoteBound) {
        const affordable = Math.floor(taker.quote / price);
        if (affordable < lots) lots = affordable;
        taker.quote -= lots * price;
      }
      taker.lots -= lots;
      const makerRemaining = orders.remaining[order]! - lots;
      orders.remaining[order] = makerRemaining;
      levels.total[level]! -= lots;
      out.push({
        type: 'trade',
        seq: state.seq++,
        at: taker.at,
        takerOrderId: taker.orderId,
        makerOrderId: orders.orderId[order]!,
        takerAccountId: taker.accountId,
        makerAccountId: orders.accountId[order]!,
        price,
        quantity: lots,
        takerSide: taker.side,
        makerRemaining,
        takerRemaining: taker.byQuote ? taker.quote : taker.lots,
      });
      if (makerRemaining === 0) {
        levels.unlink(level, order, orders);
        state.index.retireLive(order);
        orders.release(order);
      }
      if (taker.byQuote ? taker.quote === 0 || taker.lots === 0 : taker.lots === 0) {
        taker.stop = taker.byQuote && taker.quote !== 0 ? STOP_LOT_CAP : STOP_FILLED;
        stopped = true;
        break;
      }
      if (taker.quoteBound && taker.quote < price) {
        taker.stop = STOP_QUOTE;
        stopped = true;
        break;
      }
      order = next;
    }
    if (levels.count[level] === 0) {
      side.popBest();
      levels.release(level);
    }
    if (stopped) return;
  }
};

const expireMaker = (state: BookState, level: number, order: number, out: BookEvent[]): void => {
  const orders = state.orders;
  const orderId = orders.orderId[order]!;
  const remaining = orders.remaining[order]!;
  out.push({
    type: 'expired',
    seq: state.seq++,
    at: state.taker.at,
    orderId,
    accountId: orders.accountId[order]!,
    reason: 'STP_MAKER',
    remaining,
  });
  state.levels.unlink(level, order, orders);
  state.index.retireLive(order);
  orders.release(order);
};

/**
 * Whether a fill-or-kill taker would fill completely, walking the book as `match` would: own
 * orders are skipped under EXPIRE_MAKER and end the walk under EXPIRE_TAKER/EXPIRE_BOTH.
 * Without STP it sums level totals instead of visiting orders.
 */
export const canFill = (state: BookState): boolean => {
  const taker = state.taker;
  const side = taker.isBuy ? state.asks : state.bids;
  const levels = state.levels;
  const orders = state.orders;
  let needed = taker.lots;
  for (let depth = 0; depth < side.count; depth++) {
    const level = side.at(depth);
    if (!crosses(taker, levels.price[level]!)) return false;
    if (taker.stp === 0) {
      needed -= levels.total[level]!;
      if (needed <= 0) return true;
      continue;
    }
    for (let order = levels.head[level]!; order !== NIL; order = orders.next[order]!) {
      if (orders.accountId[order] === taker.accountId) {
        if ((taker.stp & STP_TAKER) !== 0) return false;
        continue;
      }
      needed -= orders.remaining[order]!;
      if (needed <= 0) return true;
    }
  }
  return false;
};
