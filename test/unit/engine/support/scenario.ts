import type {
  BookConfig,
  BookEvent,
  CancelCommand,
  PlaceLimit,
  PlaceMarketByQuantity,
  PlaceMarketByQuote,
  Side,
} from '../../../../matching-service/src/engine';
import { expect } from 'vitest';
import { DEFAULT_BOOK_CONFIG, OrderBook } from '../../../../matching-service/src/engine';
import { assertInvariants } from './invariants';
import { ReferenceBook } from './reference-book';

type Extra<T> = Partial<Omit<T, 'kind' | 'type' | 'orderId' | 'accountId' | 'side' | 'at'>>;

/** A LIMIT place: what `scenario().limit` builds, for tests that drive a bare book. */
export const limitCommand = (
  orderId: string,
  accountId: string,
  side: Side,
  price: number,
  quantity: number,
  extra: Extra<PlaceLimit> = {},
  at = 1_767_225_600_000,
): PlaceLimit => ({
  kind: 'place',
  type: 'LIMIT',
  orderId,
  accountId,
  side,
  price,
  quantity,
  ...extra,
  at,
});

/**
 * One line per event, so scenario tests read like a tape:
 * `accepted b1`, `trade b1<-s1 5@100 m0 t7`, `rested b1 7@101`, `cancelled s1 3`,
 * `expired b1 IOC 7`, `rejected b1 DUPLICATE_ORDER_ID`.
 */
export const tape = (events: readonly BookEvent[]): string[] =>
  events.map((e) => {
    switch (e.type) {
      case 'accepted':
        return `accepted ${e.orderId}`;
      case 'trade':
        return `trade ${e.takerOrderId}<-${e.makerOrderId} ${e.quantity}@${e.price} m${e.makerRemaining} t${e.takerRemaining}`;
      case 'rested':
        return `rested ${e.orderId} ${e.remaining}@${e.price}`;
      case 'cancelled':
        return `cancelled ${e.orderId} ${e.remaining}`;
      case 'expired':
        return `expired ${e.orderId} ${e.reason} ${e.remaining}`;
      case 'rejected':
        return `rejected ${e.orderId} ${e.reason}`;
    }
  });

/**
 * A fresh book plus command builders with increasing `at`. After each command `apply` checks
 * every invariant (including FIFO by arrival) and compares the events and the full depth with
 * the naive reference book fed the same commands, so every step of a scenario is checked, not
 * only the ones a test asserts on.
 */
export const scenario = (config: Partial<BookConfig> = {}) => {
  const full = { ...DEFAULT_BOOK_CONFIG, symbol: 'BTCUSDT', ...config };
  const book = new OrderBook(full);
  const reference = new ReferenceBook(full.defaultStp, full.seenIdCapacity);
  const arrival = new Map<string, number>();
  let at = 1_767_225_600_000;
  let placed = 0;
  const apply = (
    command: PlaceLimit | PlaceMarketByQuantity | PlaceMarketByQuote | CancelCommand,
  ) => {
    const events = book.apply(command);
    placed++;
    if (events.some((e) => e.type === 'rested')) arrival.set(command.orderId, placed);
    assertInvariants(book, arrival);
    expect(events, 'events of the reference book').toEqual(reference.apply(command));
    expect(book.depth(), 'full depth of the reference book').toEqual(reference.depth());
    return events;
  };
  return {
    book,
    apply,
    /** Applies and returns the tape of the events. */
    run: (command: Parameters<typeof apply>[0]) => tape(apply(command)),
    limit: (
      orderId: string,
      accountId: string,
      side: Side,
      price: number,
      quantity: number,
      extra: Extra<PlaceLimit> = {},
    ): PlaceLimit => limitCommand(orderId, accountId, side, price, quantity, extra, at++),
    market: (
      orderId: string,
      accountId: string,
      side: Side,
      quantity: number,
      extra: Extra<PlaceMarketByQuantity> = {},
    ): PlaceMarketByQuantity => ({
      kind: 'place',
      type: 'MARKET',
      orderId,
      accountId,
      side,
      quantity,
      ...extra,
      at: at++,
    }),
    marketQuote: (
      orderId: string,
      accountId: string,
      side: Side,
      quoteAmount: number,
      extra: Extra<PlaceMarketByQuote> = {},
    ): PlaceMarketByQuote => ({
      kind: 'place',
      type: 'MARKET',
      orderId,
      accountId,
      side,
      quoteAmount,
      ...extra,
      at: at++,
    }),
    cancel: (orderId: string, accountId: string): CancelCommand => ({
      kind: 'cancel',
      orderId,
      accountId,
      at: at++,
    }),
  };
};
