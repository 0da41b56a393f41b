import { BookSide } from './book-side';
import type { Side, StpMode } from './commands';
import type { BookEvent, RejectReason, RejectedEvent } from './events';
import { OrderIndex } from './order-index';
import { NIL, OrderPool } from './order-pool';
import { LevelPool } from './price-level';

/** Configuration of one book; part of its snapshot and state hash. */
export interface BookConfig {
  readonly symbol: string;
  /** STP mode for orders that do not name one. */
  readonly defaultStp: StpMode;
  /** At least this many finished order ids are remembered to reject duplicates (see `SeenIds`). */
  readonly seenIdCapacity: number;
}

/** Taker flag: expire the taker on a self-match. */
export const STP_TAKER = 1;
/** Taker flag: expire the maker on a self-match. */
export const STP_MAKER = 2;

/** STP mode as taker/maker flag bits, so the hot path tests an integer. */
export const stpBits = (mode: StpMode): number =>
  mode === 'NONE'
    ? 0
    : mode === 'EXPIRE_TAKER'
      ? STP_TAKER
      : mode === 'EXPIRE_MAKER'
        ? STP_MAKER
        : STP_TAKER | STP_MAKER;

/**
 * The incoming order while it matches: one reused object per book, so matching passes its
 * parameters and results without allocating.
 */
export class Taker {
  orderId = '';
  accountId = '';
  side: Side = 'BUY';
  isBuy = true;
  /** Worst acceptable price; ±Infinity for market orders. */
  limit = 0;
  /** Lots still wanted (MAX_SAFE_INTEGER for an uncapped quote-sized order). */
  lots = 0;
  /** Quote units still available when `quoteBound`. */
  quote = 0;
  quoteBound = false;
  /** Sized by quote amount: `remaining` is reported in quote units. */
  byQuote = false;
  stp = 0;
  at = 0;
  /** Why matching stopped (one of the `STOP_*` codes of the matcher). */
  stop = 0;
}

/**
 * Everything a book holds: order and level pools, both sides, the id index and the event
 * sequence. The structures live in their own files; this class owns the operations that touch
 * several of them at once.
 */
export class BookState {
  readonly orders = new OrderPool();
  readonly levels = new LevelPool();
  readonly bids = new BookSide(true);
  readonly asks = new BookSide(false);
  readonly index: OrderIndex;
  readonly taker = new Taker();
  readonly defaultStpBits: number;
  seq = 1;

  constructor(readonly config: BookConfig) {
    this.index = new OrderIndex(this.orders, config.seenIdCapacity);
    this.defaultStpBits = stpBits(config.defaultStp);
  }

  /**
   * Rests a new order at the back of its price level and indexes it. Returns its slot, or -1
   * (resting nothing) when the level's total would pass 2^53 lots, where a float sum stops being
   * exact.
   */
  rest(
    orderId: string,
    hash: number,
    accountId: string,
    isBuy: boolean,
    price: number,
    quantity: number,
    remaining: number,
    at: number,
  ): number {
    const orders = this.orders;
    const levels = this.levels;
    const side = isBuy ? this.bids : this.asks;
    const found = side.indexOf(price);
    let level: number;
    if (found >= 0) {
      level = side.slotAt(found);
      if (remaining > Number.MAX_SAFE_INTEGER - levels.total[level]!) return -1;
    } else {
      level = levels.alloc(price);
      side.insert(found, price, level);
    }
    const slot = orders.alloc(orderId, accountId);
    orders.price[slot] = price;
    orders.quantity[slot] = quantity;
    orders.remaining[slot] = remaining;
    orders.at[slot] = at;
    orders.buy[slot] = isBuy ? 1 : 0;
    orders.idHash[slot] = hash;
    levels.append(level, slot, orders);
    this.index.setLive(slot);
    return slot;
  }

  /**
   * Takes a resting order out of the book (cancel, or STP outside the best level): unlinks it,
   * drops its level if it emptied, retires its id and frees its slot.
   */
  remove(slot: number): void {
    const orders = this.orders;
    const levels = this.levels;
    const level = orders.level[slot]!;
    levels.unlink(level, slot, orders);
    if (levels.count[level] === 0) {
      (orders.buy[slot] === 1 ? this.bids : this.asks).remove(levels.price[level]!);
      levels.release(level);
    }
    this.index.retireLive(slot);
    orders.release(slot);
  }

  /** Best price of a side, or undefined when it is empty. */
  bestPrice(side: BookSide): number | undefined {
    const level = side.best();
    return level === NIL ? undefined : this.levels.price[level];
  }

  /** Emits a rejection; the book is untouched. */
  reject(
    command: RejectedEvent['command'],
    orderId: unknown,
    accountId: unknown,
    at: unknown,
    reason: RejectReason,
    out: BookEvent[],
  ): void {
    out.push({
      type: 'rejected',
      seq: this.seq++,
      at: Number.isSafeInteger(at) ? (at as number) : 0,
      command,
      orderId: typeof orderId === 'string' ? orderId : '',
      accountId: typeof accountId === 'string' ? accountId : '',
      reason,
    });
  }
}
