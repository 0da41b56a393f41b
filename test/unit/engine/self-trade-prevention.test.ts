import { describe, expect, it } from 'vitest';
import type { StpMode } from '../../../matching-service/src/engine';
import { scenario } from './support/scenario';

/** Asks: other account 1@100, own 2@100, other 3@101. */
const bookWithOwnOrder = (defaultStp: StpMode = 'NONE') => {
  const s = scenario({ defaultStp });
  s.run(s.limit('x1', 'X', 'SELL', 100, 1));
  s.run(s.limit('own', 'ME', 'SELL', 100, 2));
  s.run(s.limit('x2', 'X', 'SELL', 101, 3));
  return s;
};

describe('self-trade prevention', () => {
  it('trades with its own order under NONE', () => {
    const s = bookWithOwnOrder();

    expect(s.run(s.limit('b1', 'ME', 'BUY', 101, 4, { stp: 'NONE' }))).toEqual([
      'accepted b1',
      'trade b1<-x1 1@100 m0 t3',
      'trade b1<-own 2@100 m0 t1',
      'trade b1<-x2 1@101 m2 t0',
    ]);
  });

  it('expires the taker under EXPIRE_TAKER and leaves its resting order alone', () => {
    const s = bookWithOwnOrder();

    expect(s.run(s.limit('b1', 'ME', 'BUY', 101, 4, { stp: 'EXPIRE_TAKER' }))).toEqual([
      'accepted b1',
      'trade b1<-x1 1@100 m0 t3',
      'expired b1 STP_TAKER 3',
    ]);
    expect(s.book.depth()).toEqual({
      bids: [],
      asks: [
        [100, 2],
        [101, 3],
      ],
    });
  });

  it('expires the resting order under EXPIRE_MAKER and keeps matching', () => {
    const s = bookWithOwnOrder();

    expect(s.run(s.limit('b1', 'ME', 'BUY', 101, 4, { stp: 'EXPIRE_MAKER' }))).toEqual([
      'accepted b1',
      'trade b1<-x1 1@100 m0 t3',
      'expired own STP_MAKER 2',
      'trade b1<-x2 3@101 m0 t0',
    ]);
    expect(s.book.depth()).toEqual({ bids: [], asks: [] });
    expect(s.book.order('own')).toBeUndefined();
  });

  it('expires both orders under EXPIRE_BOTH', () => {
    const s = bookWithOwnOrder();

    expect(s.run(s.market('m1', 'ME', 'BUY', 4, { stp: 'EXPIRE_BOTH' }))).toEqual([
      'accepted m1',
      'trade m1<-x1 1@100 m0 t3',
      'expired own STP_MAKER 2',
      'expired m1 STP_TAKER 3',
    ]);
    expect(s.book.depth()).toEqual({ bids: [], asks: [[101, 3]] });
  });

  it('applies the book default when the order names no mode, and the order mode over it', () => {
    const s = bookWithOwnOrder('EXPIRE_TAKER');

    expect(s.run(s.limit('b1', 'ME', 'BUY', 100, 2))).toEqual([
      'accepted b1',
      'trade b1<-x1 1@100 m0 t1',
      'expired b1 STP_TAKER 1',
    ]);
    expect(s.run(s.limit('b2', 'ME', 'BUY', 100, 2, { stp: 'NONE' }))).toEqual([
      'accepted b2',
      'trade b2<-own 2@100 m0 t0',
    ]);
  });

  it('does not rest a GTC remainder once the taker has expired', () => {
    const s = bookWithOwnOrder();

    s.run(s.limit('b1', 'ME', 'BUY', 100, 5, { stp: 'EXPIRE_TAKER' }));

    expect(s.book.depth().bids).toEqual([]);
    expect(s.book.order('b1')).toBeUndefined();
  });

  it('counts only other accounts for a FOK under EXPIRE_MAKER', () => {
    const s = bookWithOwnOrder();

    expect(
      s.run(s.limit('f1', 'ME', 'BUY', 101, 5, { timeInForce: 'FOK', stp: 'EXPIRE_MAKER' })),
    ).toEqual(['accepted f1', 'expired f1 FOK 5']);
    expect(s.book.depth().asks).toEqual([
      [100, 3],
      [101, 3],
    ]);
    expect(
      s.run(s.limit('f2', 'ME', 'BUY', 101, 4, { timeInForce: 'FOK', stp: 'EXPIRE_MAKER' })),
    ).toEqual([
      'accepted f2',
      'trade f2<-x1 1@100 m0 t3',
      'expired own STP_MAKER 2',
      'trade f2<-x2 3@101 m0 t0',
    ]);
  });

  it('kills a FOK that would meet its own order first under EXPIRE_TAKER', () => {
    const s = bookWithOwnOrder();

    expect(
      s.run(s.limit('f1', 'ME', 'BUY', 101, 2, { timeInForce: 'FOK', stp: 'EXPIRE_TAKER' })),
    ).toEqual(['accepted f1', 'expired f1 FOK 2']);
    expect(
      s.run(s.limit('f2', 'ME', 'BUY', 101, 1, { timeInForce: 'FOK', stp: 'EXPIRE_TAKER' })),
    ).toEqual(['accepted f2', 'trade f2<-x1 1@100 m0 t0']);
  });
});
