import type { BookState } from './book-state';
import { stpBits } from './book-state';
import type { PlaceCommand, PlaceLimit } from './commands';
import type { BookEvent, ExpireReason } from './events';
import {
  STOP_FILLED,
  STOP_LOT_CAP,
  STOP_NO_LIQUIDITY,
  STOP_QUOTE,
  STOP_STP,
  canFill,
  match,
} from './matcher';
import { validatePlace } from './validate';

/** Fields of a market order read after validation (the union's variants share no sizing). */
interface MarketSizing {
  readonly quantity?: number;
  readonly quoteLimit?: number;
  readonly quoteAmount?: number;
  readonly quantityLimit?: number;
}

const expire = (
  state: BookState,
  reason: ExpireReason,
  remaining: number,
  out: BookEvent[],
): void => {
  const taker = state.taker;
  out.push({
    type: 'expired',
    seq: state.seq++,
    at: taker.at,
    orderId: taker.orderId,
    accountId: taker.accountId,
    reason,
    remaining,
  });
};

const wouldTake = (state: BookState, command: PlaceLimit): boolean => {
  const best = state.bestPrice(command.side === 'BUY' ? state.asks : state.bids);
  if (best === undefined) return false;
  return command.side === 'BUY' ? best <= command.price : best >= command.price;
};

/** Terminal event of a taker that did not fully fill, after `match` set `taker.stop`. */
const finish = (state: BookState, restable: boolean, tif: string, out: BookEvent[]): void => {
  const taker = state.taker;
  const remaining = taker.byQuote ? taker.quote : taker.lots;
  switch (taker.stop) {
    case STOP_FILLED:
      return;
    case STOP_STP:
      return expire(state, 'STP_TAKER', remaining, out);
    case STOP_QUOTE:
      return expire(state, 'QUOTE_LIMIT', remaining, out);
    case STOP_LOT_CAP:
      return expire(state, 'QUANTITY_LIMIT', remaining, out);
    case STOP_NO_LIQUIDITY:
      if (!restable) return expire(state, 'MARKET_NO_LIQUIDITY', remaining, out);
      if (tif === 'IOC') return expire(state, 'IOC', remaining, out);
      if (tif === 'FOK') throw new Error('invariant: a fillable FOK order stopped unfilled');
      return;
    default:
      throw new Error(`invariant: unknown stop ${taker.stop}`);
  }
};

/**
 * Applies a place command: validate, reject duplicates and crossing post-only orders, accept,
 * match, then rest (GTC limit) or emit the terminal `expired` (also for a remainder that would
 * take its price level past 2^53 lots: `LEVEL_FULL`). A fully filled order's terminal
 * event is its last trade (`takerRemaining` 0).
 */
export const place = (state: BookState, command: PlaceCommand, out: BookEvent[]): void => {
  const reason = validatePlace(command);
  if (reason !== undefined) {
    state.reject('place', command.orderId, command.accountId, command.at, reason, out);
    return;
  }
  const { orderId, accountId, side, at } = command;
  const hash = state.index.hash(orderId);
  if (state.index.has(orderId, hash)) {
    state.reject('place', orderId, accountId, at, 'DUPLICATE_ORDER_ID', out);
    return;
  }
  const isLimit = command.type === 'LIMIT';
  if (isLimit && command.postOnly === true && wouldTake(state, command)) {
    state.reject('place', orderId, accountId, at, 'POST_ONLY_WOULD_TAKE', out);
    return;
  }
  const isBuy = side === 'BUY';
  const taker = state.taker;
  taker.orderId = orderId;
  taker.accountId = accountId;
  taker.side = side;
  taker.isBuy = isBuy;
  taker.at = at;
  taker.stp = command.stp === undefined ? state.defaultStpBits : stpBits(command.stp);
  out.push({ type: 'accepted', seq: state.seq++, at, orderId, accountId, side });
  let tif = 'GTC';
  if (isLimit) {
    tif = command.timeInForce ?? 'GTC';
    taker.limit = command.price;
    taker.lots = command.quantity;
    taker.quote = 0;
    taker.quoteBound = false;
    taker.byQuote = false;
    if (tif === 'FOK' && !canFill(state)) {
      state.index.retireNew(orderId, hash);
      return expire(state, 'FOK', command.quantity, out);
    }
  } else {
    const sizing: MarketSizing = command;
    taker.limit = isBuy ? Infinity : -Infinity;
    taker.byQuote = sizing.quoteAmount !== undefined;
    if (taker.byQuote) {
      taker.lots = sizing.quantityLimit ?? Number.MAX_SAFE_INTEGER;
      taker.quote = sizing.quoteAmount!;
      taker.quoteBound = true;
    } else {
      taker.lots = sizing.quantity!;
      taker.quote = sizing.quoteLimit ?? 0;
      taker.quoteBound = sizing.quoteLimit !== undefined;
    }
  }
  match(state, out);
  if (isLimit && taker.stop === STOP_NO_LIQUIDITY && tif === 'GTC') {
    const limit = command as PlaceLimit;
    const { price, quantity } = limit;
    if (state.rest(orderId, hash, accountId, isBuy, price, quantity, taker.lots, at) < 0) {
      state.index.retireNew(orderId, hash);
      return expire(state, 'LEVEL_FULL', taker.lots, out);
    }
    out.push({
      type: 'rested',
      seq: state.seq++,
      at,
      orderId,
      accountId,
      side,
      price: limit.price,
      remaining: taker.lots,
    });
    return;
  }
  state.index.retireNew(orderId, hash);
  finish(state, isLimit, tif, out);
};
