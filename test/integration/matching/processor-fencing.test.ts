import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DynamoJournal } from '../../../matching-service/src/adapters/dynamo-journal';
import { MatchingProcessor } from '../../../matching-service/src/processor';
import { SettlementQueue } from '../../../matching-service/src/settlement/settler';
import { createLogger } from '../../../shared/logging/logger';
import { delivered, limitPlace } from '../../support/commands';
import { InMemoryMarketData } from '../../support/fakes/in-memory-market-data';
import { localEnv } from '../../support/local-stack';

const logger = createLogger('test');
logger.setLogLevel('SILENT');
const documents = () => DynamoDBDocumentClient.from(new DynamoDBClient({}));
const journal = (writer: string) =>
  new DynamoJournal(documents(), localEnv()['JOURNAL_TABLE']!, writer);
/** A symbol of its own per test: the running service journals the listed markets. */
const symbol = () => `T${randomUUID().replaceAll('-', '').slice(0, 12).toUpperCase()}`;

/** One engine task: the processor over its own DynamoJournal writer on the shared table. */
function engine(writer: string, sym: string) {
  const journaled = journal(writer);
  const settlement = new SettlementQueue({ settle: async () => undefined }, journaled, logger);
  const processor = new MatchingProcessor({
    journal: journaled,
    // Market data is not what fencing is about.
    marketData: new InMemoryMarketData(),
    settlement,
    logger,
    config: {
      defaultStp: 'NONE',
      seenIdCapacity: 10_000,
      recentCommandCapacity: 10_000,
      snapshotEveryRecords: 1_000,
      symbols: [sym],
    },
  });
  return { processor, settlement };
}

const place = (sym: string, n: number, side: 'BUY' | 'SELL', price: number) =>
  delivered(
    n,
    limitPlace({
      symbol: sym,
      commandId: `${sym}-c${n}`,
      orderId: `${sym}-o${n}`,
      account: `acct-${n % 3}`,
      side,
      price,
      quantity: 1 + (n % 4),
      issuedAt: n,
    }),
  );

const ids = (messages: readonly { id: string }[]) => messages.map((m) => m.id);

const collect = async <T>(items: AsyncIterable<T>): Promise<T[]> => {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
};

describe('MatchingProcessor on the DynamoDB journal', () => {
  it('fences out a stale engine, which rebuilds from the journal and journals after the winner', async () => {
    const sym = symbol();
    const a = engine('engine-a', sym);
    const b = engine('engine-b', sym);
    await a.processor.recover([sym]);
    await b.processor.recover([sym]);
    const first = [place(sym, 1, 'BUY', 100), place(sym, 2, 'SELL', 105)];
    const second = [place(sym, 3, 'SELL', 100), place(sym, 4, 'BUY', 98)];
    const winner = await a.processor.processBatch(first);

    const fenced = await b.processor.processBatch(second);
    const fencedCount = b.processor.stats().fenced;
    const retried = await b.processor.processBatch(second);
    const stale = a.processor.stateHashes();
    await a.processor.recover([sym]);
    await Promise.all([a.processor.idle(), b.processor.idle()]);
    await Promise.all([a.settlement.idle(), b.settlement.idle()]);

    expect(ids(winner)).toEqual(['m1', 'm2']);
    expect(fenced).toEqual([]);
    expect(fencedCount).toBe(1);
    expect(ids(retried)).toEqual(['m3', 'm4']);
    const records = await collect(journal('reader').readAfter(sym, 0));
    expect(records.map((r) => [r.seq, r.entries.map((e) => e.messageId)])).toEqual([
      [1, ['m1', 'm2']],
      [2, ['m3', 'm4']],
    ]);
    expect(records[1]!.entries[0]!.events.some((e) => e.type === 'trade')).toBe(true);
    expect(b.processor.stats().symbols[sym]?.record_seq).toBe(2);
    expect(stale).not.toEqual(b.processor.stateHashes());
    expect(a.processor.stateHashes()).toEqual(b.processor.stateHashes());
  });
});
