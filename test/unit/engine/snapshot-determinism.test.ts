import { describe, expect, it } from 'vitest';
import type {
  BookCommand,
  BookConfig,
  BookEvent,
  BookSnapshot,
} from '../../../matching-service/src/engine';
import { OrderBook } from '../../../matching-service/src/engine';
import { assertInvariants } from './support/invariants';
import { seeded } from '../../support/prng';
import { randomCommands } from './support/random-commands';

const CONFIG: Partial<BookConfig> = {
  symbol: 'ETHUSDT',
  defaultStp: 'EXPIRE_MAKER',
  seenIdCapacity: 25,
};

const run = (book: OrderBook, commands: readonly BookCommand[]): BookEvent[] =>
  commands.flatMap((command) => book.apply(command));

describe('snapshot and restore', () => {
  it.each([11, 12, 13, 14, 15, 16])(
    'restoring mid-stream and replaying the rest equals an uninterrupted run (seed %i)',
    (seed) => {
      const commands = randomCommands(seeded(seed), 400);
      const cut = 50 + ((seed * 37) % 300);
      const uninterrupted = new OrderBook(CONFIG);
      const expected = run(uninterrupted, commands);
      const first = new OrderBook(CONFIG);
      const head = run(first, commands.slice(0, cut));

      const snapshot = JSON.parse(JSON.stringify(first.snapshot())) as BookSnapshot;
      const restored = OrderBook.restore(snapshot);
      assertInvariants(restored);
      expect(restored.stateHash()).toBe(first.stateHash());
      const tail = run(restored, commands.slice(cut));

      expect([...head, ...tail]).toEqual(expected);
      expect(restored.stateHash()).toBe(uninterrupted.stateHash());
      expect(restored.snapshot()).toEqual(uninterrupted.snapshot());
    },
  );

  it('keeps config, sequence, priorities and remembered ids through a restore', () => {
    const book = new OrderBook({
      symbol: 'BTCUSDT',
      defaultStp: 'EXPIRE_TAKER',
      seenIdCapacity: 3,
    });
    const at = 1;
    book.apply({
      kind: 'place',
      type: 'LIMIT',
      orderId: 'a',
      accountId: 'A',
      side: 'SELL',
      price: 10,
      quantity: 1,
      at,
    });
    book.apply({
      kind: 'place',
      type: 'LIMIT',
      orderId: 'b',
      accountId: 'B',
      side: 'SELL',
      price: 10,
      quantity: 2,
      at,
    });
    book.apply({
      kind: 'place',
      type: 'MARKET',
      orderId: 'gone',
      accountId: 'C',
      side: 'SELL',
      quantity: 1,
      at,
    });

    const restored = OrderBook.restore(book.snapshot());

    expect(restored.config).toEqual(book.config);
    expect(restored.snapshot()).toEqual(book.snapshot());
    expect(
      restored.apply({
        kind: 'place',
        type: 'MARKET',
        orderId: 'gone',
        accountId: 'C',
        side: 'BUY',
        quantity: 2,
        at,
      }),
    ).toEqual([
      expect.objectContaining({
        type: 'rejected',
        reason: 'DUPLICATE_ORDER_ID',
        seq: book.snapshot().nextSeq,
      }),
    ]);
    expect(
      restored.apply({
        kind: 'place',
        type: 'MARKET',
        orderId: 'm',
        accountId: 'C',
        side: 'BUY',
        quantity: 2,
        at,
      }),
    ).toEqual([
      expect.objectContaining({ type: 'accepted' }),
      expect.objectContaining({ type: 'trade', makerOrderId: 'a', quantity: 1 }),
      expect.objectContaining({ type: 'trade', makerOrderId: 'b', quantity: 1 }),
    ]);
  });

  it('refuses a snapshot of an unknown version, with a repeated or malformed order, or crossed', () => {
    const snapshot = new OrderBook().snapshot();
    const order = { orderId: 'x', accountId: 'A', price: 5, quantity: 1, remaining: 1, at: 0 };

    expect(() => OrderBook.restore({ ...snapshot, version: 2 } as unknown as BookSnapshot)).toThrow(
      'version',
    );
    expect(() =>
      OrderBook.restore({ ...snapshot, bids: [order], asks: [{ ...order, price: 6 }] }),
    ).toThrow('repeats');
    expect(() => OrderBook.restore({ ...snapshot, bids: [{ ...order, remaining: 2 }] })).toThrow(
      'malformed',
    );
    expect(() =>
      OrderBook.restore({
        ...snapshot,
        bids: [order],
        asks: [{ ...order, orderId: 'y', price: 5 }],
      }),
    ).toThrow('crossed');
  });
});

describe('determinism', () => {
  it('gives byte-identical events and hashes for the same stream', () => {
    const commands = randomCommands(seeded(99), 2_000);
    const a = new OrderBook(CONFIG);
    const b = new OrderBook(CONFIG);

    const first = JSON.stringify(run(a, commands));
    const second = JSON.stringify(run(b, commands));

    expect(second).toBe(first);
    expect(b.stateHash()).toBe(a.stateHash());
    expect(a.stateHash()).toMatch(/^[0-9a-f]{16}$/);
  });

  it('changes the hash with any state change and restores it when the state returns', () => {
    const book = new OrderBook();
    const empty = book.stateHash();
    book.apply({
      kind: 'place',
      type: 'LIMIT',
      orderId: 'a',
      accountId: 'A',
      side: 'BUY',
      price: 10,
      quantity: 1,
      at: 1,
    });
    const withOrder = book.stateHash();
    const twin = new OrderBook();
    twin.apply({
      kind: 'place',
      type: 'LIMIT',
      orderId: 'a',
      accountId: 'A',
      side: 'BUY',
      price: 10,
      quantity: 1,
      at: 1,
    });

    book.apply({ kind: 'cancel', orderId: 'a', accountId: 'A', at: 2 });

    expect(new Set([empty, withOrder, book.stateHash()]).size).toBe(3);
    expect(twin.stateHash()).toBe(withOrder);
    expect(OrderBook.restore(book.snapshot()).stateHash()).toBe(book.stateHash());
  });
});
