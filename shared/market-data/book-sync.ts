/**
 * The client side of the book resync procedure (README, market data): what an app or SDK does
 * with `GET /api/markets/{symbol}/orderbook` and the `orderbook.{symbol}` diffs. Kept here,
 * beside the formats, so the procedure the README documents is code that is tested.
 */

/** A client-side order book kept from a REST snapshot and the diffs. */
export interface LocalBook {
  sequence: number;
  bids: Map<string, string>;
  asks: Map<string, string>;
}

/** The REST snapshot's fields the procedure needs. */
export interface BookSnapshot {
  sequence: number;
  bids: [string, string][];
  asks: [string, string][];
}

/** The `data` of an `orderbook.{symbol}` diff message. */
export interface BookDiff {
  first_seq: number;
  last_seq: number;
  bids: [string, string][];
  asks: [string, string][];
}

/** A local book starting from a snapshot. */
export const bookOf = (snapshot: BookSnapshot): LocalBook => ({
  sequence: snapshot.sequence,
  bids: new Map(snapshot.bids),
  asks: new Map(snapshot.asks),
});

/** A diff does not continue the local book: refetch the snapshot and start over. */
export class BookGapError extends Error {
  override readonly name = 'BookGapError';
}

/**
 * The documented resync procedure: drop diffs the snapshot already contains
 * (`last_seq <= sequence`), then each diff must continue the chain (`first_seq <= sequence + 1`);
 * a level with quantity "0" is removed. Throws {@link BookGapError} on a gap.
 */
export function applyDiff(book: LocalBook, diff: BookDiff): void {
  if (diff.last_seq <= book.sequence) return;
  if (diff.first_seq > book.sequence + 1) {
    throw new BookGapError(`gap: book at ${book.sequence}, diff from ${diff.first_seq}`);
  }
  for (const [side, levels] of [
    [book.bids, diff.bids],
    [book.asks, diff.asks],
  ] as const) {
    for (const [price, quantity] of levels) {
      if (quantity === '0') side.delete(price);
      else side.set(price, quantity);
    }
  }
  book.sequence = diff.last_seq;
}

/** The book's levels best first, as the REST snapshot lists them. */
export const levelsOf = (book: LocalBook) => ({
  bids: [...book.bids].sort((a, b) => Number(b[0]) - Number(a[0])),
  asks: [...book.asks].sort((a, b) => Number(a[0]) - Number(b[0])),
});
