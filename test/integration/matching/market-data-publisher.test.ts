import { DeleteTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, GetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoMarketData } from '../../../matching-service/src/adapters/dynamo-market-data';
import type { Depth, TradeEvent } from '../../../matching-service/src/engine';
import type { JournalRecord } from '../../../matching-service/src/journal/record';
import { tables } from '../../../infra/definitions/tables';
import { provisionTable } from '../../../infra/local/provision/tables';
import { tradingDocuments } from '../../../shared/aws/dynamo-trading-documents';
import {
  candleItemSchema,
  candleKey,
  diffItemSchema,
  diffKey,
} from '../../../shared/market-data/items';

/** The publisher against DynamoDB Local, on a scratch copy of the MarketData table. */
const table = `MarketData-${randomUUID().slice(0, 8)}`;
const dynamodb = new DynamoDBClient({});
const documents = tradingDocuments(dynamodb);
const minute = Math.floor(Date.now() / 60_000) * 60_000;
const noDepth: Depth = { bids: [], asks: [] };

beforeAll(async () => {
  await provisionTable(dynamodb, { ...tables.marketData, id: table });
});

afterAll(async () => {
  await dynamodb.send(new DeleteTableCommand({ TableName: table }));
});

let nextSymbolSeq = 0;
/** Each test its own symbol, so the tests share the table without sharing candles. */
const symbolOf = () => `T${++nextSymbolSeq}USDT`;

const trade = (seq: number, at: number, price = 3_000_000): TradeEvent => ({
  type: 'trade',
  seq,
  at,
  takerOrderId: `t${seq}`,
  makerOrderId: `m${seq}`,
  takerAccountId: 'a',
  makerAccountId: 'b',
  price,
  quantity: 10,
  takerSide: 'BUY',
  makerRemaining: 0,
  takerRemaining: 0,
});

const recordOf = (symbol: string, seq: number, events: TradeEvent[], firstEventSeq?: number) =>
  ({
    symbol,
    seq,
    firstEventSeq: firstEventSeq ?? events[0]!.seq,
    lastEventSeq: events.at(-1)?.seq ?? (firstEventSeq ?? 1) - 1,
    entries: [{ messageId: `m${seq}`, command: null, events }],
    writtenAt: 0,
  }) satisfies JournalRecord;

const item = async (key: Record<string, string>) =>
  (await documents.send(new GetCommand({ TableName: table, Key: key, ConsistentRead: true }))).Item;
const candle = async (symbol: string, open: number) =>
  candleItemSchema.parse(await item(candleKey(symbol, '1m', open)));

/** The real client, except that the next BatchWriteItem fails as a throttled one would. */
function failingOnce(): DynamoDBDocumentClient {
  let failed = false;
  return new Proxy(documents, {
    get(target, name, receiver) {
      if (name !== 'send') return Reflect.get(target, name, receiver);
      return (command: unknown) => {
        if (command instanceof BatchWriteCommand && !failed) {
          failed = true;
          return Promise.reject(new Error('throttled'));
        }
        return target.send(command as never);
      };
    },
  });
}

describe('DynamoMarketData candles and diffs', () => {
  it('writes the candle of a record whose first publish failed and was retried', async () => {
    const symbol = symbolOf();
    const publisher = new DynamoMarketData(failingOnce(), table);
    const record = recordOf(symbol, 1, [trade(1, minute + 1_000)]);

    await expect(publisher.publish(record, noDepth, noDepth)).rejects.toThrow('throttled');
    await publisher.publish(record, noDepth, noDepth);

    expect(await candle(symbol, minute)).toMatchObject({ trades: 1 });
  });

  it('counts every trade of a record whose trade times go back and forth', async () => {
    const symbol = symbolOf();
    const publisher = new DynamoMarketData(documents, table);
    const record = recordOf(symbol, 1, [
      trade(1, minute + 1, 3_000_000),
      trade(2, minute - 1, 3_000_100),
      trade(3, minute + 500, 3_000_200),
    ]);

    await publisher.publish(record, noDepth, noDepth);

    expect(await candle(symbol, minute)).toMatchObject({ trades: 2, open: 3_000_000 });
    expect(await candle(symbol, minute - 60_000)).toMatchObject({ trades: 1, open: 3_000_100 });
  });

  it('keeps the previous diff when a record of refused commands has no events', async () => {
    const symbol = symbolOf();
    const publisher = new DynamoMarketData(documents, table);
    const after: Depth = { bids: [[3_000_000, 10]], asks: [] };
    await publisher.publish(recordOf(symbol, 1, [trade(1, minute)]), noDepth, after);

    await publisher.publish(recordOf(symbol, 2, [], 2), after, after);

    expect(diffItemSchema.parse(await item(diffKey(symbol, 1)))).toMatchObject({
      first_seq: 1,
      bids: [[3_000_000, 10]],
    });
  });

  it('counts the trades another engine published before this one reloaded the book', async () => {
    const symbol = symbolOf();
    const first = new DynamoMarketData(documents, table);
    const second = new DynamoMarketData(documents, table);
    await first.publish(recordOf(symbol, 1, [trade(1, minute + 10_000)]), noDepth, noDepth);
    await second.publish(recordOf(symbol, 2, [trade(2, minute + 20_000)]), noDepth, noDepth);

    await first.publishedThrough(symbol);
    await first.publish(recordOf(symbol, 3, [trade(3, minute + 30_000)]), noDepth, noDepth);

    expect(await candle(symbol, minute)).toMatchObject({ trades: 3 });
  });
});
