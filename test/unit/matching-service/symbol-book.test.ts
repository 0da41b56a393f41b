import { describe, expect, it } from 'vitest';
import type { JournalRecord } from '../../../matching-service/src/journal/record';
import { diffOf } from '../../../matching-service/src/market-data/projector';
import {
  ReplayDivergedError,
  SymbolBook,
  type IncomingCommand,
  type SymbolBookConfig,
} from '../../../matching-service/src/symbol-book';
import type { OrderCommand } from '../../../shared/contracts/commands';
import { seeded } from '../../support/prng';

const config: SymbolBookConfig = {
  defaultStp: 'EXPIRE_MAKER',
  seenIdCapacity: 1_000,
  recentCommandCapacity: 1_000,
};

/** Batches of place/cancel commands around a mid price, as the API would enqueue them. */
function stream(seed: number, batches: number): IncomingCommand[][] {
  const { next } = seeded(seed);
  const live: { id: string; account: string }[] = [];
  let n = 0;
  const out: IncomingCommand[][] = [];
  for (let b = 0; b < batches; b++) {
    const batch: IncomingCommand[] = [];
    for (let i = 0; i < 1 + Math.floor(next() * 10); i++) {
      n += 1;
      const account = `u${Math.floor(next() * 5)}`;
      let command: OrderCommand;
      if (live.length > 0 && next() < 0.2) {
        const [victim] = live.splice(Math.floor(next() * live.length), 1);
        command = {
          v: 1,
          type: 'cancel',
          command_id: `c${n}`,
          symbol: 'BTCUSDT',
          issued_at: n,
          order_id: victim!.id,
          account_id: victim!.account,
        };
      } else {
        const id = `o${n}`;
        live.push({ id, account });
        const market = next() < 0.1;
        command = {
          v: 1,
          type: 'place',
          command_id: `c${n}`,
          symbol: 'BTCUSDT',
          issued_at: n,
          order: {
            id,
            account_id: account,
            side: next() < 0.5 ? 'BUY' : 'SELL',
            order_type: market ? 'MARKET' : 'LIMIT',
            time_in_force: market ? 'IOC' : 'GTC',
            post_only: false,
            ...(market ? {} : { price: 100 + Math.floor(next() * 20) }),
            quantity: 1 + Math.floor(next() * 9),
          },
        };
      }
      batch.push({ messageId: `m${n}`, command });
    }
    out.push(batch);
  }
  return out;
}

const run = (book: SymbolBook, batches: IncomingCommand[][]): JournalRecord[] =>
  batches.flatMap((batch) => book.apply(batch, 0) ?? []);

describe('SymbolBook', () => {
  it('journals consecutive records that cover every event sequence once', () => {
    const records = run(SymbolBook.create('BTCUSDT', config), stream(1, 50));

    expect(records.map((r) => r.seq)).toEqual(records.map((_, i) => i + 1));
    for (let i = 1; i < records.length; i++) {
      expect(records[i]!.firstEventSeq).toBe(records[i - 1]!.lastEventSeq + 1);
    }
  });

  it('skips a redelivered command and journals a message that did not decode', () => {
    const book = SymbolBook.create('BTCUSDT', config);
    const [first] = stream(2, 1);
    book.apply(first!, 0);

    const again = book.apply(first!, 0);
    const poison = book.apply([{ messageId: 'bad', command: null }], 0);

    expect(again).toBeUndefined();
    expect(poison?.entries).toEqual([
      { messageId: 'bad', command: null, events: [], refused: 'UNDECODABLE' },
    ]);
  });

  it('refuses a place past its expiry without touching the book', () => {
    const book = SymbolBook.create('BTCUSDT', config);
    const hash = book.orderBook.stateHash();
    const late: OrderCommand = {
      v: 1,
      type: 'place',
      command_id: 'late',
      symbol: 'BTCUSDT',
      issued_at: 1_000,
      expires_at: 2_000,
      order: {
        id: 'o-late',
        account_id: 'u1',
        side: 'BUY',
        order_type: 'LIMIT',
        time_in_force: 'GTC',
        post_only: false,
        price: 100,
        quantity: 1,
      },
    };

    const record = book.apply([{ messageId: 'm', command: late }], 2_001);

    expect(record?.entries[0]).toMatchObject({ refused: 'COMMAND_EXPIRED', events: [] });
    expect(book.orderBook.stateHash()).toBe(hash);
  });

  it('rebuilds the same book from a snapshot and the journal after it', () => {
    const batches = stream(3, 120);
    const uninterrupted = SymbolBook.create('BTCUSDT', config);
    const records = run(uninterrupted, batches);
    const crashed = SymbolBook.create('BTCUSDT', config);
    run(crashed, batches.slice(0, 60));
    const snapshot = JSON.parse(JSON.stringify(crashed.snapshot()));

    const recovered = SymbolBook.restore(snapshot, config);
    for (const record of JSON.parse(JSON.stringify(records.slice(snapshot.recordSeq)))) {
      recovered.replay(record);
    }

    expect(recovered.recordSeq).toBe(uninterrupted.recordSeq);
    expect(recovered.orderBook.stateHash()).toBe(uninterrupted.orderBook.stateHash());
    expect(recovered.apply(batches[100]!, 0)).toBeUndefined();
  });

  it('refuses a journal whose events the engine does not reproduce', () => {
    const records = run(SymbolBook.create('BTCUSDT', config), stream(4, 5));
    const tampered = structuredClone(records[0]!);
    (tampered.entries[0]!.events as unknown[]).push({ type: 'accepted', seq: 999 });

    expect(() => SymbolBook.create('BTCUSDT', config).replay(tampered)).toThrow(
      ReplayDivergedError,
    );
  });

  it('publishes diffs that rebuild the published depth from any earlier depth', () => {
    const book = SymbolBook.create('BTCUSDT', config);
    const levels = new Map<string, number>();
    for (const batch of stream(5, 80)) {
      const before = book.orderBook.depth(5);
      const record = book.apply(batch, 0);
      if (record === undefined) continue;
      const diff = diffOf(record, before, book.orderBook.depth(5), 'now');
      for (const [side, list] of [
        ['b', diff.bids],
        ['a', diff.asks],
      ] as const) {
        for (const [price, total] of list) {
          if (total === 0) levels.delete(`${side}${price}`);
          else levels.set(`${side}${price}`, total);
        }
      }
    }
    const depth = book.orderBook.depth(5);
    const rebuilt = (side: 'a' | 'b') =>
      [...levels]
        .filter(([key]) => key.startsWith(side))
        .map(([key, total]) => [Number(key.slice(1)), total])
        .sort((x, y) => (side === 'b' ? y[0]! - x[0]! : x[0]! - y[0]!));

    expect(rebuilt('b')).toEqual(depth.bids);
    expect(rebuilt('a')).toEqual(depth.asks);
  });
});
