import { describe, expect, it } from 'vitest';
import { applyDiff, BookGapError, bookOf, levelsOf } from '../../../shared/market-data/book-sync';

const snapshot = {
  sequence: 10,
  bids: [['100', '1'] as [string, string], ['99', '2'] as [string, string]],
  asks: [['101', '3'] as [string, string]],
};

describe('book resync from a snapshot and diffs', () => {
  it('drops diffs the snapshot contains and applies the one that straddles it', () => {
    const book = bookOf(snapshot);

    applyDiff(book, { first_seq: 5, last_seq: 10, bids: [['100', '0']], asks: [] });
    applyDiff(book, { first_seq: 9, last_seq: 12, bids: [['98', '4']], asks: [['101', '0']] });

    expect(book.sequence).toBe(12);
    expect(levelsOf(book)).toEqual({
      bids: [
        ['100', '1'],
        ['99', '2'],
        ['98', '4'],
      ],
      asks: [],
    });
  });

  it('removes a level whose quantity is "0" and replaces totals', () => {
    const book = bookOf(snapshot);

    applyDiff(book, {
      first_seq: 11,
      last_seq: 11,
      bids: [
        ['99', '0'],
        ['100', '5'],
      ],
      asks: [],
    });

    expect(levelsOf(book).bids).toEqual([['100', '5']]);
  });

  it('refuses a diff that leaves a gap', () => {
    const book = bookOf(snapshot);

    expect(() => applyDiff(book, { first_seq: 12, last_seq: 13, bids: [], asks: [] })).toThrow(
      BookGapError,
    );
  });
});
