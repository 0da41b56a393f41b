import { describe, expect, it } from 'vitest';
import type { TradeEvent } from '../../../matching-service/src/engine';
import { scenario } from './support/scenario';

const spent = (events: readonly { type: string }[]): number =>
  events
    .filter((e): e is TradeEvent => e.type === 'trade')
    .reduce((sum, t) => sum + t.price * t.quantity, 0);

const askLadder = () => {
  const s = scenario();
  s.run(s.limit('s1', 'A', 'SELL', 100, 3));
  s.run(s.limit('s2', 'A', 'SELL', 101, 3));
  s.run(s.limit('s3', 'A', 'SELL', 110, 3));
  return s;
};

describe('market orders by quantity', () => {
  it('sweeps the book best price first and expires what finds no liquidity', () => {
    const s = askLadder();

    expect(s.run(s.market('m1', 'B', 'BUY', 4))).toEqual([
      'accepted m1',
      'trade m1<-s1 3@100 m0 t1',
      'trade m1<-s2 1@101 m2 t0',
    ]);
    expect(s.book.depth()).toEqual({
      bids: [],
      asks: [
        [101, 2],
        [110, 3],
      ],
    });
    expect(s.run(s.market('m2', 'B', 'BUY', 9))).toEqual([
      'accepted m2',
      'trade m2<-s2 2@101 m0 t7',
      'trade m2<-s3 3@110 m0 t4',
      'expired m2 MARKET_NO_LIQUIDITY 4',
    ]);
    expect(s.book.depth()).toEqual({ bids: [], asks: [] });
  });

  it('expires at once against an empty side', () => {
    const s = scenario();

    expect(s.run(s.market('m1', 'B', 'SELL', 2))).toEqual([
      'accepted m1',
      'expired m1 MARKET_NO_LIQUIDITY 2',
    ]);
    expect(s.book.depth()).toEqual({ bids: [], asks: [] });
  });

  it('never spends beyond a buy quoteLimit and expires the rest as QUOTE_LIMIT', () => {
    const s = askLadder();

    const events = s.apply(s.market('m1', 'B', 'BUY', 9, { quoteLimit: 705 }));

    expect(spent(events)).toBe(300 + 303);
    expect(events.at(-1)).toMatchObject({ type: 'expired', reason: 'QUOTE_LIMIT', remaining: 3 });
    expect(s.book.depth()).toEqual({
      bids: [],
      asks: [[110, 3]],
    });
  });

  it('stops before touching a level the quoteLimit cannot pay one lot of', () => {
    const s = askLadder();

    expect(s.run(s.market('m1', 'B', 'BUY', 9, { quoteLimit: 99 }))).toEqual([
      'accepted m1',
      'expired m1 QUOTE_LIMIT 9',
    ]);
    expect(s.book.depth().asks[0]).toEqual([100, 3]);
  });

  it('ignores no budget when the quoteLimit covers the whole fill', () => {
    const s = askLadder();

    expect(s.run(s.market('m1', 'B', 'BUY', 3, { quoteLimit: 10_000 }))).toEqual([
      'accepted m1',
      'trade m1<-s1 3@100 m0 t0',
    ]);
  });

  it('rejects a quoteLimit on a sell', () => {
    const s = scenario();

    expect(s.run(s.market('m1', 'B', 'SELL', 1, { quoteLimit: 100 }))).toEqual([
      'rejected m1 INVALID_QUOTE_LIMIT',
    ]);
  });
});

describe('market orders by quote amount', () => {
  it('buys for at most quoteAmount and reports the unspent quote', () => {
    const s = askLadder();

    const events = s.apply(s.marketQuote('q1', 'B', 'BUY', 650));

    expect(spent(events)).toBe(300 + 303);
    expect(
      events.map((e) => (e.type === 'trade' ? [e.quantity, e.takerRemaining] : e.type)),
    ).toEqual(['accepted', [3, 350], [3, 47], 'expired']);
    expect(events.at(-1)).toMatchObject({ reason: 'QUOTE_LIMIT', remaining: 47 });
    expect(s.book.depth()).toEqual({ bids: [], asks: [[110, 3]] });
  });

  it('ends with its last trade when the quote amount is spent exactly', () => {
    const s = askLadder();

    expect(s.run(s.marketQuote('q1', 'B', 'BUY', 401))).toEqual([
      'accepted q1',
      'trade q1<-s1 3@100 m0 t101',
      'trade q1<-s2 1@101 m2 t0',
    ]);
  });

  it('sells until it has received at most quoteAmount', () => {
    const s = scenario();
    s.run(s.limit('b1', 'A', 'BUY', 50, 4));
    s.run(s.limit('b2', 'A', 'BUY', 40, 10));

    const events = s.apply(s.marketQuote('q1', 'B', 'SELL', 290));

    expect(spent(events)).toBe(200 + 80);
    expect(s.book.depth()).toEqual({ bids: [[40, 8]], asks: [] });
    expect(events.at(-1)).toMatchObject({ reason: 'QUOTE_LIMIT', remaining: 10 });
  });

  it('stops at quantityLimit lots and expires as QUANTITY_LIMIT', () => {
    const s = scenario();
    s.run(s.limit('b1', 'A', 'BUY', 50, 10));

    expect(s.run(s.marketQuote('q1', 'B', 'SELL', 1_000, { quantityLimit: 3 }))).toEqual([
      'accepted q1',
      'trade q1<-b1 3@50 m7 t850',
      'expired q1 QUANTITY_LIMIT 850',
    ]);
  });

  it('expires with the untouched budget when the side is empty', () => {
    const s = scenario();

    expect(s.run(s.marketQuote('q1', 'B', 'BUY', 500))).toEqual([
      'accepted q1',
      'expired q1 MARKET_NO_LIQUIDITY 500',
    ]);
  });

  it('keeps every amount a safe integer near the top of the safe range', () => {
    const s = scenario();
    const price = 2 ** 40;
    s.run(s.limit('s1', 'A', 'SELL', price, 2 ** 20));

    const events = s.apply(s.marketQuote('q1', 'B', 'BUY', Number.MAX_SAFE_INTEGER));

    expect(events[1]).toMatchObject({ type: 'trade', quantity: 2 ** 13 - 1 });
    expect(events[2]).toMatchObject({
      type: 'expired',
      reason: 'QUOTE_LIMIT',
      remaining: price - 1,
    });
    for (const e of events) {
      for (const value of Object.values(e)) {
        if (typeof value === 'number') expect(Number.isSafeInteger(value)).toBe(true);
      }
    }
    expect(spent(events)).toBeLessThanOrEqual(Number.MAX_SAFE_INTEGER);
  });
});
