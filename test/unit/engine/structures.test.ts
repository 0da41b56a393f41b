import { describe, expect, it } from 'vitest';
import { BookSide } from '../../../matching-service/src/engine/book-side';
import { HashSlots, hashId } from '../../../matching-service/src/engine/hash-slots';
import { OrderBook } from '../../../matching-service/src/engine';
import { SeenIds } from '../../../matching-service/src/engine/seen-ids';
import { seeded } from '../../support/prng';

const valuesOf = (table: HashSlots, hash: number): number[] => {
  const found: number[] = [];
  for (let cell = table.find(hash, -1); cell !== -1; cell = table.find(hash, cell)) {
    found.push(table.valueAt(cell));
  }
  return found.sort((a, b) => a - b);
};

describe('HashSlots', () => {
  it('agrees with a Map through heavy insert and delete churn, colliding hashes and growth', () => {
    const rng = seeded(7);
    const table = new HashSlots(4);
    const model = new Map<number, number>();
    for (let step = 0; step < 20_000; step++) {
      const value = rng.int(0, 3_000);
      const hash = rng.chance(0.2) ? 12_345 : hashId(`k${value}`);
      if (model.has(value)) {
        const cell = table.find(model.get(value)!, -1);
        let at = cell;
        while (table.valueAt(at) !== value) at = table.find(model.get(value)!, at);
        table.removeAt(at);
        model.delete(value);
      } else {
        table.insert(hash, value);
        model.set(value, hash);
      }
    }

    expect(table.size).toBe(model.size);
    for (const [value, hash] of model) expect(valuesOf(table, hash)).toContain(value);
    expect(valuesOf(table, 12_345)).toEqual(
      [...model]
        .filter(([, h]) => h === 12_345)
        .map(([v]) => v)
        .sort((a, b) => a - b),
    );
  });
});

describe('SeenIds', () => {
  it('remembers at least the last capacity ids, forgetting whole generations, exactly', () => {
    const seen = new SeenIds(30);
    const ids = Array.from({ length: 405 }, (_, i) => `${'long-'.repeat(i % 20)}${i}`);

    for (const id of ids) seen.add(id, hashId(id));

    const generations = seen.snapshot();
    expect(generations.map((g) => g.length)).toEqual([10, 10, 10, 5]);
    expect(generations.flat()).toEqual(ids.slice(-35));
    expect(ids.slice(-35).every((id) => seen.has(id, hashId(id)))).toBe(true);
    expect(ids.slice(0, -35).some((id) => seen.has(id, hashId(id)))).toBe(false);
  });

  it('answers absent ids exactly even when the filter reports a maybe', () => {
    const seen = new SeenIds(3_000);
    for (let i = 0; i < 3_000; i++) seen.add(`id-${i}`, hashId(`id-${i}`));

    const falseHits = Array.from({ length: 20_000 }, (_, i) => `other-${i}`).filter((id) =>
      seen.has(id, hashId(id)),
    );

    expect(falseHits).toEqual([]);
    expect(seen.has('id-7', 12345)).toBe(false);
  });

  it('finds ids still waiting to be indexed as well as indexed ones', () => {
    const seen = new SeenIds(3_000);
    const ids = Array.from({ length: 300 }, (_, i) => `batch-${i}`);

    const found: boolean[] = [];
    for (const id of ids) {
      seen.add(id, hashId(id));
      found.push(seen.has(id, hashId(id)));
    }

    expect(found.every(Boolean)).toBe(true);
    expect(ids.every((id) => seen.has(id, hashId(id)))).toBe(true);
    expect(seen.has('batch-300', hashId('batch-300'))).toBe(false);
  });

  it('restores generations into an identical set', () => {
    const seen = new SeenIds(6);
    for (let i = 0; i < 11; i++) seen.add(`x${i}`, hashId(`x${i}`));
    const copy = new SeenIds(6);

    copy.restore(seen.snapshot(), hashId);
    for (const s of [seen, copy]) s.add('y', hashId('y'));

    expect(copy.snapshot()).toEqual(seen.snapshot());
    expect(() => new SeenIds(6).restore([['a', 'b', 'c']], hashId)).toThrow('too large');
  });
});

describe('BookSide', () => {
  it('keeps levels sorted best last for any insertion point, including outlier prices', () => {
    const side = new BookSide(false, 4);
    const prices = [100, 2 ** 52, 1, 99, 101, 5_000_000, 98];
    prices.forEach((price, slot) => side.insert(side.indexOf(price), price, slot));

    side.remove(99);
    side.remove(2 ** 52);

    const order = Array.from({ length: side.count }, (_, d) => prices[side.at(d)]);
    expect(order).toEqual([1, 98, 100, 101, 5_000_000]);
    expect(side.indexOf(99)).toBeLessThan(0);
  });

  it('handles prices millions of ticks apart without a dense ladder', () => {
    const book = new OrderBook();
    const at = 1;

    book.apply({
      kind: 'place',
      type: 'LIMIT',
      orderId: 'lo',
      accountId: 'A',
      side: 'BUY',
      price: 1,
      quantity: 1,
      at,
    });
    book.apply({
      kind: 'place',
      type: 'LIMIT',
      orderId: 'hi',
      accountId: 'A',
      side: 'SELL',
      price: 9e15,
      quantity: 1,
      at,
    });
    book.apply({
      kind: 'place',
      type: 'LIMIT',
      orderId: 'mid',
      accountId: 'A',
      side: 'BUY',
      price: 10_000_000,
      quantity: 2,
      at,
    });

    expect(book.depth()).toEqual({
      bids: [
        [10_000_000, 2],
        [1, 1],
      ],
      asks: [[9e15, 1]],
    });
  });
});
