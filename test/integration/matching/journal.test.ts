import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DynamoJournal } from '../../../matching-service/src/adapters/dynamo-journal';
import { FencedError } from '../../../matching-service/src/ports';
import { SymbolBook, type SymbolBookConfig } from '../../../matching-service/src/symbol-book';
import type { OrderCommand } from '../../../shared/contracts/commands';
import { seqKey } from '../../../shared/market-data/items';
import { limitPlace } from '../../support/commands';
import { localEnv } from '../../support/local-stack';

const config: SymbolBookConfig = {
  defaultStp: 'NONE',
  seenIdCapacity: 100_000,
  recentCommandCapacity: 100_000,
};
const documents = () => DynamoDBDocumentClient.from(new DynamoDBClient({}));
const journal = (writer: string) =>
  new DynamoJournal(documents(), localEnv()['JOURNAL_TABLE']!, writer);
/** A symbol of its own per test: the running service journals the listed markets. */
const symbol = () => `T${randomUUID().replaceAll('-', '').slice(0, 12).toUpperCase()}`;

const place = (sym: string, n: number, side: 'BUY' | 'SELL', price: number): OrderCommand =>
  limitPlace({
    symbol: sym,
    commandId: `${sym}-c${n}`,
    orderId: `${sym}-o${n}`,
    account: `acct-${n % 7}`,
    side,
    price,
    quantity: 1 + (n % 5),
    issuedAt: n,
  });

/**
 * The record of one order sweeping `makers` resting orders with UUID ids and accounts: its
 * gzipped entries outgrow one DynamoDB item (~50 bytes per trade).
 */
const sweepRecord = (sym: string, makers: number) => {
  const book = SymbolBook.create(sym, config);
  const resting = Array.from({ length: makers }, (_, i) => {
    const command = place(sym, i, 'SELL', 100 + (i % 50));
    if (command.type === 'place') {
      command.order.id = randomUUID();
      command.order.account_id = randomUUID();
    }
    return { messageId: `m${i}`, command };
  });
  book.apply(resting, 0);
  const sweep = place(sym, makers, 'BUY', 200);
  if (sweep.type === 'place') sweep.order.quantity = 10 * makers;
  return book.apply([{ messageId: 'sweep', command: sweep }], 0)!;
};

const collect = async <T>(items: AsyncIterable<T>): Promise<T[]> => {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
};

describe('DynamoJournal', () => {
  it('fences out a second writer of the same sequence number', async () => {
    const sym = symbol();
    const first = SymbolBook.create(sym, config);
    const second = SymbolBook.create(sym, config);
    const batch = [{ messageId: 'm1', command: place(sym, 1, 'BUY', 100) }];
    await journal('engine-a').append(first.apply(batch, 0)!);

    const attempt = journal('engine-b').append(second.apply(batch, 0)!);

    await expect(attempt).rejects.toThrow(FencedError);
    expect(await collect(journal('reader').readAfter(sym, 0))).toHaveLength(1);
  });

  it('reads back records in order after a given sequence, exactly as written', async () => {
    const sym = symbol();
    const book = SymbolBook.create(sym, config);
    const written = [];
    for (let n = 1; n <= 12; n++) {
      const record = book.apply(
        [{ messageId: `m${n}`, command: place(sym, n, n % 2 ? 'BUY' : 'SELL', 100 + (n % 3)) }],
        0,
      )!;
      await journal('engine').append(record);
      written.push(record);
    }

    const after = await collect(journal('reader').readAfter(sym, 4));

    expect(after).toEqual(written.slice(4));
  });

  it('restores a book too large for one item from its chunked snapshot', async () => {
    const sym = symbol();
    const book = SymbolBook.create(sym, config);
    const batch = [];
    for (let n = 1; n <= 20_000; n++) {
      const command = place(sym, n, 'BUY', 1 + (n % 5_000));
      if (command.type === 'place') command.order.id = randomUUID();
      batch.push({ messageId: `m${n}`, command });
    }
    book.apply(batch, 0);
    await journal('engine').saveSnapshot(book.snapshot());

    const snapshot = await journal('reader').latestSnapshot(sym);
    const restored = SymbolBook.restore(snapshot!, config);

    expect(restored.orderBook.openOrders).toBe(20_000);
    expect(restored.orderBook.stateHash()).toBe(book.orderBook.stateHash());
  });

  it('journals a record too large for one item and reads back the winning writer’s copy', async () => {
    const sym = symbol();
    const record = sweepRecord(sym, 10_000);
    await journal('engine-a').append(record);

    const fenced = journal('engine-b').append({ ...sweepRecord(sym, 10_000), writtenAt: 1 });

    await expect(fenced).rejects.toThrow(FencedError);
    const [read] = await collect(journal('reader').readAfter(sym, record.seq - 1));
    expect(read).toEqual(record);
    expect(read!.entries[0]!.events.filter((e) => e.type === 'trade')).toHaveLength(10_000);
  });

  it('reads only the chunks its record names when an earlier attempt left more', async () => {
    const sym = symbol();
    const earlier = sweepRecord(sym, 20_000);
    await journal('engine-a').append(earlier);
    await documents().send(
      new DeleteCommand({
        TableName: localEnv()['JOURNAL_TABLE']!,
        Key: { pk: `JOURNAL#${sym}`, sk: seqKey(earlier.seq) },
      }),
    );
    const retried = sweepRecord(sym, 10_000);

    await journal('engine-a').append(retried);
    const [read] = await collect(journal('reader').readAfter(sym, retried.seq - 1));

    expect(retried.seq).toBe(earlier.seq);
    expect(read).toEqual(retried);
  });

  it('keeps the settled cursor moving forward only', async () => {
    const sym = symbol();
    const j = journal('engine');

    await j.markSettled(sym, 5);
    await j.markSettled(sym, 3);

    expect(await j.settledThrough(sym)).toBe(5);
    expect(await j.settledThrough(symbol())).toBe(0);
  });
});
