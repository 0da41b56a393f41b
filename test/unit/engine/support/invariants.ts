import { expect } from 'vitest';
import type { BookInspection, OrderBook } from '../../../../matching-service/src/engine';

/**
 * Checks every structural invariant of a book after an `apply`: sides strictly sorted and not
 * crossed, no empty level, each level's total and count equal to its orders, links and level
 * back-pointers consistent, every resting order indexed, public views agreeing with the raw
 * structure, and (when `arrival` maps order ids to placement order) FIFO within each level.
 */
export const assertInvariants = (book: OrderBook, arrival?: ReadonlyMap<string, number>): void => {
  const view: BookInspection = book.inspect();
  let resting = 0;
  for (const [levels, isBuy] of [
    [view.bids, true],
    [view.asks, false],
  ] as const) {
    levels.forEach((level, depth) => {
      const previous = levels[depth - 1];
      if (previous !== undefined) {
        expect(isBuy ? previous.price > level.price : previous.price < level.price).toBe(true);
      }
      expect(level.orders.length).toBeGreaterThan(0);
      expect(level.count).toBe(level.orders.length);
      expect(level.total).toBe(level.orders.reduce((sum, o) => sum + o.remaining, 0));
      expect(level.tailOk).toBe(true);
      let lastArrival = -1;
      for (const order of level.orders) {
        expect(order).toMatchObject({
          isBuy,
          price: level.price,
          prevLinkOk: true,
          levelLinkOk: true,
          indexed: true,
        });
        expect(order.remaining).toBeGreaterThan(0);
        expect(book.order(order.orderId)).toMatchObject({
          remaining: order.remaining,
          price: order.price,
          accountId: order.accountId,
        });
        const placed = arrival?.get(order.orderId);
        if (placed !== undefined) {
          expect(placed).toBeGreaterThan(lastArrival);
          lastArrival = placed;
        }
        resting++;
      }
    });
  }
  const bestBid = view.bids[0]?.price;
  const bestAsk = view.asks[0]?.price;
  if (bestBid !== undefined && bestAsk !== undefined) expect(bestBid).toBeLessThan(bestAsk);
  expect(book.bestBid()).toBe(bestBid);
  expect(book.bestAsk()).toBe(bestAsk);
  expect(view.liveIds).toBe(resting);
  expect(view.pooledOrders).toBe(resting);
  expect(book.openOrders).toBe(resting);
  expect(book.depth()).toEqual({
    bids: view.bids.map((l) => [l.price, l.total]),
    asks: view.asks.map((l) => [l.price, l.total]),
  });
};
