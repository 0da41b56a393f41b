import { afterEach, describe, expect, it, vi } from 'vitest';
import type { DecodedMessage } from '../../../matching-service/src/consumer';
import { OrderBook } from '../../../matching-service/src/engine';
import type { JournalRecord } from '../../../matching-service/src/journal/record';
import { FencedError, type Journal } from '../../../matching-service/src/ports';
import { MatchingProcessor, type ProcessorConfig } from '../../../matching-service/src/processor';
import { SettlementQueue } from '../../../matching-service/src/settlement/settler';
import { SymbolBook, type SymbolSnapshot } from '../../../matching-service/src/symbol-book';
import type { OrderCommand } from '../../../shared/contracts/commands';
import { createLogger } from '../../../shared/logging/logger';
import { delivered, limitPlace } from '../../support/commands';
import { InMemoryMarketData } from '../../support/fakes/in-memory-market-data';

const SYMBOL = 'BTCUSDT';
const OTHER = 'ETHUSDT';
const logger = createLogger('test');
logger.setLogLevel('SILENT');

const stored = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/** The journal port in memory, with the adapter's conditional append (a taken seq is fenced). */
class MemoryJournal implements Journal {
  readonly records: JournalRecord[] = [];
  readonly snapshots: SymbolSnapshot[] = [];
  private readonly settled = new Map<string, number>();

  async append(record: JournalRecord): Promise<void> {
    if (this.records.some((r) => r.symbol === record.symbol && r.seq === record.seq)) {
      throw new FencedError(`${record.symbol} record ${record.seq} was journaled by another`);
    }
    this.records.push(stored(record));
  }
  async *readAfter(symbol: string, afterSeq: number): AsyncIterable<JournalRecord> {
    const after = this.records.filter((r) => r.symbol === symbol && r.seq > afterSeq);
    for (const record of after.sort((x, y) => x.seq - y.seq)) yield stored(record);
  }
  async latestSnapshot(symbol: string): Promise<SymbolSnapshot | undefined> {
    const mine = this.snapshots.filter((s) => s.symbol === symbol);
    const latest = mine.sort((x, y) => y.recordSeq - x.recordSeq)[0];
    return latest === undefined ? undefined : stored(latest);
  }
  async saveSnapshot(snapshot: SymbolSnapshot): Promise<void> {
    this.snapshots.push(stored(snapshot));
  }
  async settledThrough(symbol: string): Promise<number> {
    return this.settled.get(symbol) ?? 0;
  }
  async markSettled(symbol: string, seq: number): Promise<void> {
    this.settled.set(symbol, Math.max(seq, this.settled.get(symbol) ?? 0));
  }
}

const config = (snapshotEveryRecords = 1_000): ProcessorConfig => ({
  defaultStp: 'NONE',
  seenIdCapacity: 10_000,
  recentCommandCapacity: 10_000,
  snapshotEveryRecords,
  symbols: [SYMBOL, OTHER],
});

/** A processor on `journal`, settling with a settler that always succeeds. */
function processorOn(journal: Journal, snapshotEveryRecords?: number) {
  const settlement = new SettlementQueue({ settle: async () => undefined }, journal, logger);
  const processor = new MatchingProcessor({
    journal,
    marketData: new InMemoryMarketData(),
    settlement,
    logger,
    config: config(snapshotEveryRecords),
    now: () => 0,
  });
  return { processor, settlement };
}

const place = (n: number, side: 'BUY' | 'SELL', price: number, symbol = SYMBOL): OrderCommand =>
  limitPlace({
    symbol,
    commandId: `c${n}`,
    orderId: `o${n}`,
    account: `acct-${n % 3}`,
    side,
    price,
    quantity: 1 + (n % 4),
    issuedAt: n,
  });

const first = [delivered(1, place(1, 'BUY', 100)), delivered(2, place(2, 'SELL', 105))];
const crossing = [delivered(3, place(3, 'SELL', 100)), delivered(4, place(4, 'BUY', 99))];
const ids = (messages: readonly { id: string }[]) => messages.map((m) => m.id);

/** What the consumer acknowledges of a batch: nothing when processing throws. */
const acknowledged = (processor: MatchingProcessor, batch: readonly DecodedMessage[]) =>
  processor.processBatch(batch).then(ids, () => []);

/** The engine throws once, on placing `orderId`, after the batch's earlier commands moved it. */
function breakEngineOnce(orderId: string): void {
  const apply = OrderBook.prototype.apply;
  let broken = true;
  vi.spyOn(OrderBook.prototype, 'apply').mockImplementation(function (this: OrderBook, command) {
    if (broken && command.kind === 'place' && command.orderId === orderId) {
      broken = false;
      throw new Error(`invariant: no level at 99`);
    }
    return apply.call(this, command);
  });
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('MatchingProcessor', () => {
  it('acknowledges nothing of a batch the engine throws on and journals it when redelivered', async () => {
    const journal = new MemoryJournal();
    const { processor } = processorOn(journal);
    await processor.processBatch(first);
    const errors = vi.spyOn(logger, 'error');
    breakEngineOnce('o4');

    const refused = await acknowledged(processor, crossing);
    const redelivered = await acknowledged(processor, crossing);

    expect(refused).toEqual([]);
    expect(redelivered).toEqual(['m3', 'm4']);
    expect(journal.records.map((r) => r.seq)).toEqual([1, 2]);
    expect(journal.records[1]!.entries.map((e) => e.messageId)).toEqual(['m3', 'm4']);
    expect(journal.records[1]!.entries[0]!.events.some((e) => e.type === 'trade')).toBe(true);
    expect(processor.stats().apply_failures).toBe(1);
    expect(errors).toHaveBeenCalledWith(
      expect.any(String),
      expect.objectContaining({ symbol: SYMBOL }),
    );
  });

  it('rebuilds the book after the engine throws, as if the failed attempt never happened', async () => {
    const uninterrupted = processorOn(new MemoryJournal()).processor;
    await uninterrupted.processBatch(first);
    await uninterrupted.processBatch(crossing);
    const { processor } = processorOn(new MemoryJournal());
    await processor.processBatch(first);
    breakEngineOnce('o4');

    await processor.processBatch(crossing);
    await processor.processBatch(crossing);

    expect(processor.stateHashes()).toEqual(uninterrupted.stateHashes());
  });

  it('still journals and acknowledges the other symbols of a batch the engine throws on', async () => {
    const journal = new MemoryJournal();
    const { processor } = processorOn(journal);
    breakEngineOnce('o2');

    const acked = await processor.processBatch([...first, delivered(5, place(5, 'BUY', 7, OTHER))]);

    expect(ids(acked)).toEqual(['m5']);
    expect(journal.records.map((r) => r.symbol)).toEqual([OTHER]);
  });

  it('keeps retrying a failing publish and publishes later records after it, in order', async () => {
    const journal = new MemoryJournal();
    const published: number[] = [];
    let failures = 3;
    const marketData = {
      publishedThrough: async () => 0,
      publish: async (record: JournalRecord) => {
        if (record.seq === 1 && failures-- > 0) throw new Error('throttled');
        published.push(record.seq);
      },
    };
    const processor = new MatchingProcessor({
      journal,
      marketData,
      settlement: new SettlementQueue({ settle: async () => undefined }, journal, logger),
      logger,
      config: config(),
      now: () => 0,
    });

    await processor.processBatch(first);
    await processor.processBatch(crossing);
    await processor.idle();

    expect(failures).toBe(-1);
    expect(published).toEqual([1, 2]);
  });

  it('saves a snapshot every configured number of records and recovers from the latest one', async () => {
    const journal = new MemoryJournal();
    const { processor, settlement } = processorOn(journal, 3);
    for (let n = 1; n <= 7; n++) {
      await processor.processBatch([delivered(n, place(n, n % 2 ? 'BUY' : 'SELL', 100 + n))]);
    }
    await processor.idle();
    await settlement.idle();
    const replayed = vi.spyOn(SymbolBook.prototype, 'replay');
    const fresh = processorOn(journal, 3).processor;

    await fresh.recover([SYMBOL]);

    expect(journal.records).toHaveLength(7);
    expect(journal.snapshots.map((s) => s.recordSeq)).toEqual([3, 6]);
    expect(replayed.mock.calls.map(([record]) => record.seq)).toEqual([7]);
    expect(fresh.stats().symbols[SYMBOL]?.record_seq).toBe(7);
    expect(fresh.stateHashes()).toEqual(processor.stateHashes());
  });
});
