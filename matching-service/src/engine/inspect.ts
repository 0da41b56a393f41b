import type { BookSide } from './book-side';
import type { BookState } from './book-state';
import { NIL } from './order-pool';

/** One resting order as the structure links it, for invariant checks. */
export interface InspectedOrder {
  readonly orderId: string;
  readonly accountId: string;
  readonly isBuy: boolean;
  readonly price: number;
  readonly remaining: number;
  /** Its back link points at the order visited before it. */
  readonly prevLinkOk: boolean;
  /** It records the level it is linked into. */
  readonly levelLinkOk: boolean;
  /** The id index maps its id to this slot. */
  readonly indexed: boolean;
}

/** One level, best first, with its stored aggregates and its orders in queue order. */
export interface InspectedLevel {
  readonly price: number;
  readonly total: number;
  readonly count: number;
  readonly tailOk: boolean;
  readonly orders: InspectedOrder[];
}

/** The raw structure of a book: what invariant checks compare against each other. */
export interface BookInspection {
  readonly bids: InspectedLevel[];
  readonly asks: InspectedLevel[];
  /** Live ids the index knows. */
  readonly liveIds: number;
  /** Finished ids the index remembers. */
  readonly rememberedIds: number;
  readonly pooledOrders: number;
}

const inspectSide = (state: BookState, side: BookSide): InspectedLevel[] => {
  const { levels, orders, index } = state;
  const result: InspectedLevel[] = [];
  for (let depth = 0; depth < side.count; depth++) {
    const level = side.at(depth);
    const list: InspectedOrder[] = [];
    let prev = NIL;
    for (let order = levels.head[level]!; order !== NIL; order = orders.next[order]!) {
      list.push({
        orderId: orders.orderId[order]!,
        accountId: orders.accountId[order]!,
        isBuy: orders.buy[order] === 1,
        price: orders.price[order]!,
        remaining: orders.remaining[order]!,
        prevLinkOk: orders.prev[order] === prev,
        levelLinkOk: orders.level[order] === level,
        indexed:
          index.liveSlot(orders.orderId[order]!, index.hash(orders.orderId[order]!)) === order,
      });
      prev = order;
    }
    result.push({
      price: levels.price[level]!,
      total: levels.total[level]!,
      count: levels.count[level]!,
      tailOk: levels.tail[level] === prev,
      orders: list,
    });
  }
  return result;
};

/** Walks every structure (O(n)); for tests and diagnostics, never the hot path. */
export const inspectState = (state: BookState): BookInspection => ({
  bids: inspectSide(state, state.bids),
  asks: inspectSide(state, state.asks),
  liveIds: state.index.liveCount(),
  rememberedIds: state.index.rememberedCount(),
  pooledOrders: state.orders.size,
});
