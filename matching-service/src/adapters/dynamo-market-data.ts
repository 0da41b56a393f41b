import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { batchWriteAll } from '../../../shared/aws/dynamo-batch-write';
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
 *
 * The newest candle of each series (symbol × interval) is remembered once it is written, so a
 * trade usually costs no read. It is remembered only after the write: a publish that fails is
 * retried against what is stored, not against a candle that already counts its trades.
 */
export class DynamoMarketData implements MarketDataSink {
  /** `symbol#interval` → the newest candle of that series this publisher wrote. */
  private readonly candles = new Map<string, CandleItem>();

  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly now: () => number = Date.now,
  ) {}

  /** Also forgets the symbol's candles: a book is (re)loaded, and another writer may have been. */
  async publishedThrough(symbol: string): Promise<number> {
    for (const series of this.candles.keys()) {
      if (series.startsWith(`${symbol}#`)) this.candles.delete(series);
    }
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
    // A record of refused commands alone has no events, so no diff of its own: its key would
    // be the previous record's.
    const diff =
      record.lastEventSeq < record.firstEventSeq
        ? []
        : [
            {
              ...diffKey(symbol, sequence),
              ...diffOf(record, before, after, at),
              expires_at: seconds(nowMs) + DIFF_TTL_SECONDS,
            },
          ];
    const rows: Record<string, unknown>[] = [
      ...diff,
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
    for (const candle of candles) this.remember(symbol, candle);
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

  /**
   * The candles `trades` change, each counted from this record's earlier trades, else the
   * series' remembered candle, else the table (trades need not come in time order).
   */
  private async candlesWith(
    symbol: string,
    trades: ReturnType<typeof publicTradesOf>,
  ): Promise<CandleItem[]> {
    const changed = new Map<string, CandleItem>();
    for (const trade of trades) {
      for (const interval of klineIntervals) {
        const open = candleOpen(interval, Date.parse(trade.executed_at));
        const key = `${interval}#${open}`;
        const current = changed.get(key) ?? (await this.stored(symbol, interval, open));
        const updated = withTrade(current, interval, trade);
        if (updated !== current) changed.set(key, updated);
      }
    }
    return [...changed.values()];
  }

  private async stored(
    symbol: string,
    interval: KlineInterval,
    open: number,
  ): Promise<CandleItem | undefined> {
    const remembered = this.candles.get(`${symbol}#${interval}`);
    if (remembered?.open_time === open) return remembered;
    const { Item } = await this.db.send(
      new GetCommand({
        TableName: this.tableName,
        Key: candleKey(symbol, interval, open),
        ConsistentRead: true,
      }),
    );
    return Item === undefined ? undefined : candleItemSchema.parse(Item);
  }

  /** Keeps a written candle if it is its series' newest. */
  private remember(symbol: string, candle: CandleItem): void {
    const series = `${symbol}#${candle.interval}`;
    const remembered = this.candles.get(series);
    if (remembered === undefined || remembered.open_time <= candle.open_time) {
      this.candles.set(series, candle);
    }
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
    await batchWriteAll(
      this.db,
      this.tableName,
      rows.map((Item) => ({ PutRequest: { Item } })),
    );
  }
}
