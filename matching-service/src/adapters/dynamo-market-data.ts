import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  BatchWriteCommand,
  GetCommand,
  PutCommand,
  type BatchWriteCommandOutput,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import {
  DIFF_TTL_SECONDS,
  TRADE_TTL_SECONDS,
  candleItemSchema,
  candleKey,
  klineIntervals,
  depthItemSchema,
  depthKey,
  diffKey,
  publicTradeKey,
  type CandleItem,
  type KlineInterval,
} from '../../../shared/market-data/items';
import { bookTopKey } from '../../../shared/trading/book-top';
import type { Depth } from '../engine';
import type { JournalRecord } from '../journal/record';
import { candleOpen, diffOf, publicTradesOf, withTrade } from '../market-data/projector';
import type { MarketDataSink } from '../ports';

const seconds = (ms: number) => Math.floor(ms / 1000);

/**
 * Publishes each journaled record into the MarketData table: best bid/ask (`TOP`, read by the
 * API for market-buy protection), the `DEPTH` it changed, the `DIFF`, public trades and the
 * candles of every interval. `TOP` and `DEPTH` only move forward (conditional on their
 * `sequence`), the rest is keyed by sequence, so a replayed record rewrites the same items.
 */
export class DynamoMarketData implements MarketDataSink {
  private readonly candles = new Map<string, CandleItem>();

  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly now: () => number = Date.now,
  ) {}

  async publishedThrough(symbol: string): Promise<number> {
    const { Item } = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: depthKey(symbol), ConsistentRead: true }),
    );
    return Item === undefined ? 0 : depthItemSchema.parse(Item).sequence;
  }

  async publish(record: JournalRecord, before: Depth, after: Depth): Promise<void> {
    const nowMs = this.now();
    const at = new Date(nowMs).toISOString();
    const symbol = record.symbol;
    const sequence = record.lastEventSeq;
    const trades = publicTradesOf(record);
    const candles = await this.candlesWith(symbol, trades);
    const rows: Record<string, unknown>[] = [
      {
        ...diffKey(symbol, sequence),
        ...diffOf(record, before, after, at),
        expires_at: seconds(nowMs) + DIFF_TTL_SECONDS,
      },
      ...trades.map((trade) => ({
        ...publicTradeKey(symbol, trade.seq),
        ...trade,
        expires_at: seconds(nowMs) + TRADE_TTL_SECONDS,
      })),
      ...candles.map((candle) => ({
        ...candleKey(symbol, candle.interval, candle.open_time),
        ...candle,
      })),
    ];
    await this.batchPut(rows);
    await this.putForward({
      ...depthKey(symbol),
      symbol,
      sequence,
      bids: after.bids,
      asks: after.asks,
      updated_at: at,
    });
    await this.putForward({
      ...bookTopKey(symbol),
      symbol,
      best_bid: after.bids[0]?.[0] ?? null,
      best_ask: after.asks[0]?.[0] ?? null,
      sequence,
      updated_at: at,
    });
  }

  /** The candles `trades` change, read from the table the first time a candle is needed. */
  private async candlesWith(
    symbol: string,
    trades: ReturnType<typeof publicTradesOf>,
  ): Promise<CandleItem[]> {
    const changed = new Map<string, CandleItem>();
    for (const trade of trades) {
      for (const interval of klineIntervals) {
        const next = await this.current(symbol, interval, Date.parse(trade.executed_at));
        const updated = withTrade(next.candle, interval, trade);
        if (updated === next.candle) continue;
        this.candles.set(next.key, updated);
        changed.set(next.key, updated);
      }
    }
    return [...changed.values()];
  }

  private async current(symbol: string, interval: KlineInterval, ms: number) {
    const open = candleOpen(interval, ms);
    const key = `${symbol}#${interval}#${open}`;
    if (!this.candles.has(key)) {
      for (const cached of this.candles.keys()) {
        if (cached.startsWith(`${symbol}#${interval}#`)) this.candles.delete(cached);
      }
      const { Item } = await this.db.send(
        new GetCommand({
          TableName: this.tableName,
          Key: candleKey(symbol, interval, open),
          ConsistentRead: true,
        }),
      );
      if (Item !== undefined) this.candles.set(key, candleItemSchema.parse(Item));
    }
    return { key, candle: this.candles.get(key) };
  }

  private async putForward(item: Record<string, unknown> & { sequence: number }): Promise<void> {
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.tableName,
          Item: item,
          ConditionExpression: 'attribute_not_exists(#sequence) OR #sequence < :sequence',
          ExpressionAttributeNames: { '#sequence': 'sequence' },
          ExpressionAttributeValues: { ':sequence': item.sequence },
        }),
      );
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  }

  private async batchPut(rows: readonly Record<string, unknown>[]): Promise<void> {
    for (let i = 0; i < rows.length; i += 25) {
      let pending: Record<string, unknown>[] | undefined = rows
        .slice(i, i + 25)
        .map((Item) => ({ PutRequest: { Item } }));
      while (pending !== undefined && pending.length > 0) {
        const result: BatchWriteCommandOutput = await this.db.send(
          new BatchWriteCommand({ RequestItems: { [this.tableName]: pending } }),
        );
        pending = result.UnprocessedItems?.[this.tableName] as
          Record<string, unknown>[] | undefined;
      }
    }
  }
}
