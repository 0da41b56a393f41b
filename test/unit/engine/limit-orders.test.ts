import { describe, expect, it } from 'vitest';
import { scenario } from './support/scenario';

describe('limit orders', () => {
  it('rests passive orders and aggregates depth per level, best first', () => {
    const s = scenario();

    expect(s.run(s.limit('s1', 'A', 'SELL', 101, 5))).toEqual(['accepted s1', 'rested s1 5@101']);
    s.run(s.limit('s2', 'B', 'SELL', 100, 2));
    s.run(s.limit('s3', 'C', 'SELL', 101, 4));
    s.run(s.limit('b1', 'A', 'BUY', 98, 3));
    s.run(s.limit('b2', 'B', 'BUY', 99, 1));

    expect(s.book.depth()).toEqual({
      bids: [
        [99, 1],
        [98, 3],
      ],
      asks: [
        [100, 2],
        [101, 9],
      ],
    });
    expect(s.book.depth(1)).toEqual({ bids: [[99, 1]], asks: [[100, 2]] });
    expect([s.book.bestBid(), s.book.bestAsk()]).toEqual([99, 100]);
  });

  it('fills by price then time, at the maker price, leaving a partial maker at the head', () => {
    const s = scenario();
    s.run(s.limit('s1', 'A', 'SELL', 101, 5));
    s.run(s.limit('s2', 'B', 'SELL', 100, 2));
    s.run(s.limit('s3', 'C', 'SELL', 101, 4));

    expect(s.run(s.limit('b1', 'D', 'BUY', 101, 6))).toEqual([
      'accepted b1',
      'trade b1<-s2 2@100 m0 t4',
      'trade b1<-s1 4@101 m1 t0',
    ]);
    expect(s.book.depth()).toEqual({ bids: [], asks: [[101, 5]] });

    expect(s.run(s.limit('b2', 'D', 'BUY', 101, 2))).toEqual([
      'accepted b2',
      'trade b2<-s1 1@101 m0 t1',
      'trade b2<-s3 1@101 m3 t0',
    ]);
    expect(s.book.depth()).toEqual({ bids: [], asks: [[101, 3]] });
    expect(s.book.order('s3')).toMatchObject({ quantity: 4, remaining: 3, side: 'SELL' });
  });

  it('emits complete trade events', () => {
    const s = scenario();
    s.apply(s.limit('s1', 'maker', 'SELL', 100, 5));

    const events = s.apply(s.limit('b1', 'taker', 'BUY', 100, 3));

    expect(events).toEqual([
      {
        type: 'accepted',
        seq: 3,
        at: events[0]!.at,
        orderId: 'b1',
        accountId: 'taker',
        side: 'BUY',
      },
      {
        type: 'trade',
        seq: 4,
        at: events[0]!.at,
        takerOrderId: 'b1',
        makerOrderId: 's1',
        takerAccountId: 'taker',
        makerAccountId: 'maker',
        price: 100,
        quantity: 3,
        takerSide: 'BUY',
        makerRemaining: 2,
        takerRemaining: 0,
      },
    ]);
  });

  it('sweeps levels up to its limit and rests the remainder at its own price', () => {
    const s = scenario();
    s.run(s.limit('s1', 'A', 'SELL', 100, 2));
    s.run(s.limit('s2', 'A', 'SELL', 101, 2));
    s.run(s.limit('s3', 'A', 'SELL', 103, 2));

    expect(s.run(s.limit('b1', 'B', 'BUY', 102, 10))).toEqual([
      'accepted b1',
      'trade b1<-s1 2@100 m0 t8',
      'trade b1<-s2 2@101 m0 t6',
      'rested b1 6@102',
    ]);
    expect(s.book.depth()).toEqual({ bids: [[102, 6]], asks: [[103, 2]] });
  });

  it('expires the unfilled part of an IOC order instead of resting it', () => {
    const s = scenario();
    s.run(s.limit('b1', 'A', 'BUY', 100, 3));

    expect(s.run(s.limit('s1', 'B', 'SELL', 99, 5, { timeInForce: 'IOC' }))).toEqual([
      'accepted s1',
      'trade s1<-b1 3@100 m0 t2',
      'expired s1 IOC 2',
    ]);
    expect(s.run(s.limit('s2', 'B', 'SELL', 99, 5, { timeInForce: 'IOC' }))).toEqual([
      'accepted s2',
      'expired s2 IOC 5',
    ]);
    expect(s.book.depth()).toEqual({ bids: [], asks: [] });
  });

  it('fills a FOK order completely or leaves the book untouched', () => {
    const s = scenario();
    s.run(s.limit('s1', 'A', 'SELL', 100, 2));
    s.run(s.limit('s2', 'A', 'SELL', 101, 2));
    s.run(s.limit('s3', 'A', 'SELL', 105, 10));

    expect(s.run(s.limit('b1', 'B', 'BUY', 101, 5, { timeInForce: 'FOK' }))).toEqual([
      'accepted b1',
      'expired b1 FOK 5',
    ]);
    expect(s.book.depth()).toEqual({
      bids: [],
      asks: [
        [100, 2],
        [101, 2],
        [105, 10],
      ],
    });
    expect(s.run(s.limit('b2', 'B', 'BUY', 101, 4, { timeInForce: 'FOK' }))).toEqual([
      'accepted b2',
      'trade b2<-s1 2@100 m0 t2',
      'trade b2<-s2 2@101 m0 t0',
    ]);
    expect(s.book.depth()).toEqual({ bids: [], asks: [[105, 10]] });
  });

  it('rests a post-only order that does not cross and rejects one that would take', () => {
    const s = scenario();
    s.run(s.limit('s1', 'A', 'SELL', 100, 2));

    expect(s.run(s.limit('b1', 'B', 'BUY', 99, 1, { postOnly: true }))).toEqual([
      'accepted b1',
      'rested b1 1@99',
    ]);
    expect(s.run(s.limit('b2', 'B', 'BUY', 100, 1, { postOnly: true }))).toEqual([
      'rejected b2 POST_ONLY_WOULD_TAKE',
    ]);
    expect(s.book.depth()).toEqual({ bids: [[99, 1]], asks: [[100, 2]] });
  });

  it('cancels a resting order, reporting what was left, and drops its empty level', () => {
    const s = scenario();
    s.run(s.limit('s1', 'A', 'SELL', 100, 5));
    s.run(s.limit('s2', 'A', 'SELL', 101, 5));
    s.run(s.limit('b1', 'B', 'BUY', 100, 2));

    expect(s.run(s.cancel('s1', 'A'))).toEqual(['cancelled s1 3']);
    expect(s.book.depth()).toEqual({ bids: [], asks: [[101, 5]] });
    expect(s.book.order('s1')).toBeUndefined();
    expect(s.run(s.cancel('s1', 'A'))).toEqual(['rejected s1 UNKNOWN_ORDER']);
  });

  it('unlinks a cancelled order from the middle of a level and keeps the others in FIFO order', () => {
    const s = scenario();
    for (const id of ['s1', 's2', 's3', 's4']) s.run(s.limit(id, 'A', 'SELL', 100, 1));

    s.run(s.cancel('s2', 'A'));
    s.run(s.cancel('s4', 'A'));

    expect(s.run(s.limit('b1', 'B', 'BUY', 100, 3))).toEqual([
      'accepted b1',
      'trade b1<-s1 1@100 m0 t2',
      'trade b1<-s3 1@100 m0 t1',
      'rested b1 1@100',
    ]);
    expect(s.book.depth()).toEqual({ bids: [[100, 1]], asks: [] });
  });

  it('answers a cancel from another account as an unknown order and keeps the order', () => {
    const s = scenario();
    s.run(s.limit('s1', 'owner', 'SELL', 100, 5));

    const events = s.apply(s.cancel('s1', 'intruder'));

    expect(events).toEqual([
      expect.objectContaining({ type: 'rejected', command: 'cancel', reason: 'UNKNOWN_ORDER' }),
    ]);
    expect(s.book.depth()).toEqual({ bids: [], asks: [[100, 5]] });
  });

  it('rejects a reused order id while live, after it finished, until its generation is dropped', () => {
    const s = scenario({ seenIdCapacity: 2 });
    s.run(s.limit('s1', 'A', 'SELL', 100, 5));

    expect(s.run(s.limit('s1', 'A', 'SELL', 101, 1))).toEqual(['rejected s1 DUPLICATE_ORDER_ID']);
    s.run(s.cancel('s1', 'A'));
    expect(s.run(s.limit('s1', 'B', 'BUY', 90, 1))).toEqual(['rejected s1 DUPLICATE_ORDER_ID']);
    for (const id of ['m1', 'm2', 'm3']) s.run(s.market(id, 'A', 'BUY', 1));
    expect(s.run(s.limit('s1', 'B', 'BUY', 90, 1))).toEqual(['rejected s1 DUPLICATE_ORDER_ID']);
    s.run(s.market('m4', 'A', 'BUY', 1));
    expect(s.run(s.limit('s1', 'B', 'BUY', 90, 1))).toEqual(['accepted s1', 'rested s1 1@90']);
    expect(s.book.snapshot().seenIds).toEqual({
      policy: 'GENERATIONS',
      capacity: 2,
      generations: [['m1'], ['m2'], ['m3'], ['m4']],
    });
  });
});
