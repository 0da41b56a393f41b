import { describe, expect, it } from 'vitest';
import type { BookEvent } from '../../../matching-service/src/engine';
import { OrderBook } from '../../../matching-service/src/engine';
// A bare book: the reference book of `scenario()` does not model `LEVEL_FULL`.
import { limitCommand as limit } from './support/scenario';

const MAX = Number.MAX_SAFE_INTEGER;

/**
 * Asks at 100: a maker of 2^53 - 1 lots and a second one of `second` lots, then a buyer takes
 * the first one whole. Every quantity is a safe integer, so the engine takes each command as
 * valid input; only the level's running total passes 2^53.
 */
const bookAfterHugeFill = (second: number): OrderBook => {
  const book = new OrderBook({ symbol: 'BTCUSDT' });
  book.apply(limit('s1', 'X', 'SELL', 100, MAX));
  book.apply(limit('s2', 'X', 'SELL', 100, second));
  book.apply(limit('b1', 'Y', 'BUY', 100, MAX, { timeInForce: 'IOC' }));
  return book;
};

/** Ask levels as `[price, lots]`, summed exactly (bigint) from the orders the snapshot lists. */
const exactAsks = (book: OrderBook): [number, bigint][] => {
  const levels: [number, bigint][] = [];
  for (const o of book.snapshot().asks) {
    const last = levels[levels.length - 1];
    if (last?.[0] === o.price) last[1] += BigInt(o.remaining);
    else levels.push([o.price, BigInt(o.remaining)]);
  }
  return levels;
};

const depthAsks = (book: OrderBook): [number, bigint][] =>
  book.depth().asks.map(([price, lots]) => [price, BigInt(lots)]);

const tradedLots = (events: readonly BookEvent[]): number =>
  events.reduce((sum, e) => (e.type === 'trade' ? sum + e.quantity : sum), 0);

describe('level totals near 2^53 lots', () => {
  it('expires a GTC remainder that would take its price level past 2^53 lots', () => {
    const book = new OrderBook({ symbol: 'BTCUSDT' });
    book.apply(limit('s1', 'X', 'SELL', 100, MAX - 3));

    const refused = book.apply(limit('s2', 'X', 'SELL', 100, 4));
    const fits = book.apply(limit('s3', 'X', 'SELL', 100, 3));
    const elsewhere = book.apply(limit('s4', 'X', 'SELL', 101, MAX));

    expect(refused.map((e) => e.type)).toEqual(['accepted', 'expired']);
    expect(refused[1]).toMatchObject({ reason: 'LEVEL_FULL', remaining: 4 });
    expect(fits.map((e) => e.type)).toEqual(['accepted', 'rested']);
    expect(elsewhere.map((e) => e.type)).toEqual(['accepted', 'rested']);
    expect(book.depth().asks).toEqual([
      [100, MAX],
      [101, MAX],
    ]);
    expect(book.order('s2')).toBeUndefined();
  });

  it('reports each level as the exact sum of the orders resting in it', () => {
    const book = bookAfterHugeFill(4);

    expect(depthAsks(book)).toEqual(exactAsks(book));
  });

  it('answers a FOK the level cannot fill with events instead of throwing midway', () => {
    const book = bookAfterHugeFill(4);
    const before = exactAsks(book);

    let events: BookEvent[] = [];
    const apply = () => {
      events = book.apply(limit('f1', 'Y', 'BUY', 100, 5, { timeInForce: 'FOK' }));
    };

    expect(apply).not.toThrow();
    expect(tradedLots(events)).toBe(0);
    expect(exactAsks(book)).toEqual(before);
  });

  it('fills a FOK whenever the resting lots it crosses cover its quantity', () => {
    const book = bookAfterHugeFill(2);
    const crossing = exactAsks(book).reduce((sum, [, lots]) => sum + lots, 0n);

    const events = book.apply(limit('f1', 'Y', 'BUY', 100, 2, { timeInForce: 'FOK' }));

    expect(tradedLots(events)).toBe(crossing >= 2n ? 2 : 0);
  });

  it('answers the next command after a restore as the uninterrupted book does', () => {
    const book = bookAfterHugeFill(2);
    const restored = OrderBook.restore(JSON.parse(JSON.stringify(book.snapshot())));
    const fok = limit('f1', 'Y', 'BUY', 100, 2, { timeInForce: 'FOK' });

    expect(restored.stateHash()).toBe(book.stateHash());
    expect(book.apply(fok)).toEqual(restored.apply(fok));
  });
});
