import { describe, expect, it } from 'vitest';
import type { BookCommand, RejectReason } from '../../../matching-service/src/engine';
import { MAX_ID_LENGTH, OrderBook } from '../../../matching-service/src/engine';
import { assertInvariants } from './support/invariants';

const limit = {
  kind: 'place',
  type: 'LIMIT',
  orderId: 'o1',
  accountId: 'A',
  side: 'BUY',
  price: 100,
  quantity: 1,
  at: 5,
};
const market = { kind: 'place', type: 'MARKET', orderId: 'o1', accountId: 'A', side: 'BUY', at: 5 };
const cancel = { kind: 'cancel', orderId: 'o1', accountId: 'A', at: 5 };

const cases: [string, Record<string, unknown>, RejectReason][] = [
  ['an empty order id', { ...limit, orderId: '' }, 'INVALID_ORDER_ID'],
  [
    'an over-long order id',
    { ...limit, orderId: 'x'.repeat(MAX_ID_LENGTH + 1) },
    'INVALID_ORDER_ID',
  ],
  ['a numeric account id', { ...limit, accountId: 42 }, 'INVALID_ACCOUNT_ID'],
  ['a negative timestamp', { ...limit, at: -1 }, 'INVALID_TIMESTAMP'],
  ['a fractional timestamp', { ...limit, at: 1.5 }, 'INVALID_TIMESTAMP'],
  ['an unknown side', { ...limit, side: 'HOLD' }, 'INVALID_SIDE'],
  ['an unknown STP mode', { ...limit, stp: 'EXPIRE_ALL' }, 'INVALID_STP_MODE'],
  ['an unknown order type', { ...limit, type: 'STOP' }, 'INVALID_ORDER_TYPE'],
  ['a zero price', { ...limit, price: 0 }, 'INVALID_PRICE'],
  ['a fractional price', { ...limit, price: 100.5 }, 'INVALID_PRICE'],
  ['a price beyond 2^53', { ...limit, price: 2 ** 53 }, 'INVALID_PRICE'],
  ['a NaN price', { ...limit, price: Number.NaN }, 'INVALID_PRICE'],
  ['a price given as a string', { ...limit, price: '100' }, 'INVALID_PRICE'],
  ['a negative quantity', { ...limit, quantity: -3 }, 'INVALID_QUANTITY'],
  ['an infinite quantity', { ...limit, quantity: Infinity }, 'INVALID_QUANTITY'],
  ['an unknown time in force', { ...limit, timeInForce: 'DAY' }, 'INVALID_TIME_IN_FORCE'],
  ['post-only with IOC', { ...limit, postOnly: true, timeInForce: 'IOC' }, 'INVALID_TIME_IN_FORCE'],
  ['a non-boolean post-only', { ...limit, postOnly: 'yes' }, 'INVALID_POST_ONLY'],
  ['a market order with no size', market, 'INVALID_QUANTITY'],
  [
    'a market order with both sizes',
    { ...market, quantity: 1, quoteAmount: 10 },
    'INVALID_QUANTITY',
  ],
  ['a zero quote amount', { ...market, quoteAmount: 0 }, 'INVALID_QUOTE_AMOUNT'],
  [
    'a quoteLimit on a quote-sized order',
    { ...market, quoteAmount: 9, quoteLimit: 9 },
    'INVALID_QUOTE_LIMIT',
  ],
  ['a fractional quoteLimit', { ...market, quantity: 1, quoteLimit: 0.5 }, 'INVALID_QUOTE_LIMIT'],
  [
    'a quantityLimit on a quantity order',
    { ...market, quantity: 1, quantityLimit: 1 },
    'INVALID_QUANTITY',
  ],
  ['a zero quantityLimit', { ...market, quoteAmount: 9, quantityLimit: 0 }, 'INVALID_QUANTITY'],
  ['a cancel without an order id', { ...cancel, orderId: undefined }, 'INVALID_ORDER_ID'],
  ['a cancel with an empty account', { ...cancel, accountId: '' }, 'INVALID_ACCOUNT_ID'],
  ['a cancel with a bad timestamp', { ...cancel, at: 'now' }, 'INVALID_TIMESTAMP'],
  [
    'an unknown command',
    { kind: 'amend', orderId: 'o1', accountId: 'A', at: 5 },
    'INVALID_COMMAND',
  ],
];

describe('input validation', () => {
  it.each(cases)('rejects %s without touching the book', (_name, command, reason) => {
    const book = new OrderBook();
    book.apply({
      kind: 'place',
      type: 'LIMIT',
      orderId: 'r',
      accountId: 'A',
      side: 'SELL',
      price: 100,
      quantity: 2,
      at: 1,
    });
    const before = book.snapshot();

    const events = book.apply(command as unknown as BookCommand);

    expect(events).toEqual([
      expect.objectContaining({ type: 'rejected', reason, seq: before.nextSeq }),
    ]);
    expect(book.snapshot()).toEqual({ ...before, nextSeq: before.nextSeq + 1 });
    assertInvariants(book);
  });

  it('never throws on hostile input and keeps reporting strings in rejections', () => {
    const book = new OrderBook();

    const events = book.apply({
      kind: 'place',
      orderId: 7,
      accountId: null,
      at: {},
    } as unknown as BookCommand);

    expect(events).toEqual([
      {
        type: 'rejected',
        seq: 1,
        at: 0,
        command: 'place',
        orderId: '',
        accountId: '',
        reason: 'INVALID_ORDER_ID',
      },
    ]);
  });

  it.each([null, undefined, 42, 'place'])(
    'rejects a command that is not an object (%s)',
    (value) => {
      const events = new OrderBook().apply(value as unknown as BookCommand);

      expect(events).toEqual([
        expect.objectContaining({ type: 'rejected', reason: 'INVALID_COMMAND' }),
      ]);
    },
  );

  it('refuses a negative seen-id capacity at construction', () => {
    expect(() => new OrderBook({ seenIdCapacity: -1 })).toThrow('seenIdCapacity');
  });
});
