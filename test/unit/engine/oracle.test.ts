import { describe, expect, it } from 'vitest';
import type { BookCommand, StpMode } from '../../../matching-service/src/engine';
import { OrderBook } from '../../../matching-service/src/engine';
import { assertInvariants } from './support/invariants';
import { seeded } from '../../support/prng';
import { randomCommands } from './support/random-commands';
import { ReferenceBook } from './support/reference-book';

const SEEDS = Array.from({ length: 50 }, (_, i) => 1_000 + i);
const STP_DEFAULTS: readonly StpMode[] = ['NONE', 'EXPIRE_TAKER', 'EXPIRE_MAKER', 'EXPIRE_BOTH'];

/** Applies a stream to the engine and the naive reference, comparing after every command. */
const compare = (commands: readonly BookCommand[], defaultStp: StpMode, seenIdCapacity: number) => {
  const book = new OrderBook({ symbol: 'TEST', defaultStp, seenIdCapacity });
  const reference = new ReferenceBook(defaultStp, seenIdCapacity);
  const arrival = new Map<string, number>();
  commands.forEach((command, n) => {
    const events = book.apply(command);
    expect(events).toEqual(reference.apply(command));
    if (events.some((e) => e.type === 'rested')) arrival.set(command.orderId, n);
    expect(book.depth()).toEqual(reference.depth());
    assertInvariants(book, arrival);
  });
  return book;
};

describe('engine against the naive reference book', () => {
  it.each(SEEDS)('emits the same events and depth on random stream %i', (seed) => {
    const rng = seeded(seed);
    const commands = randomCommands(rng, 300);
    const defaultStp = STP_DEFAULTS[seed % STP_DEFAULTS.length]!;
    const capacity = seed % 3 === 0 ? 0 : seed % 3 === 1 ? 7 : 100_000;

    const book = compare(commands, defaultStp, capacity);

    expect(book.snapshot().nextSeq).toBeGreaterThan(commands.length);
  });

  it('covers every event and rejection kind across the random streams', () => {
    const seen = new Set<string>();
    for (const seed of SEEDS) {
      const book = new OrderBook({ seenIdCapacity: 7, defaultStp: 'EXPIRE_MAKER' });
      for (const command of randomCommands(seeded(seed), 300)) {
        for (const e of book.apply(command)) {
          seen.add(
            e.type === 'expired' || e.type === 'rejected' ? `${e.type}:${e.reason}` : e.type,
          );
        }
      }
    }

    expect([...seen].sort()).toEqual(
      expect.arrayContaining([
        'accepted',
        'cancelled',
        'rested',
        'trade',
        'expired:FOK',
        'expired:IOC',
        'expired:MARKET_NO_LIQUIDITY',
        'expired:QUANTITY_LIMIT',
        'expired:QUOTE_LIMIT',
        'expired:STP_MAKER',
        'expired:STP_TAKER',
        'rejected:DUPLICATE_ORDER_ID',
        'rejected:INVALID_COMMAND',
        'rejected:INVALID_PRICE',
        'rejected:INVALID_QUANTITY',
        'rejected:POST_ONLY_WOULD_TAKE',
        'rejected:UNKNOWN_ORDER',
      ]),
    );
  });
});
