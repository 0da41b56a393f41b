import type { TickerView } from '../../shared/contracts/market-data';
import {
  candlePk,
  diffItemSchema,
  diffPk,
  publicTradeItemSchema,
  tradesPk,
} from '../../shared/market-data/items';
import { markets } from '../../shared/domain/markets';
import { diffView, marketFormat, publicTradeView } from '../../shared/market-data/views';
import { rejectionMessage, welcomeMessage } from './connect';
import type { ConnectionRecord, StreamDeps } from './ports';
import { privateEventOf, type ItemChange } from './private-events';
import { channelKey } from './protocol';
import { allocateSeq } from './seq';

/** A change from one of the three streamed tables. */
export interface ChangeRecord extends ItemChange {
  readonly source: 'trading' | 'marketData' | 'streams';
  /** The stream record's id, unique per change: what makes a redelivery harmless. */
  readonly id: string;
}

export interface FanoutDeps extends StreamDeps {
  readonly ticker: (symbol: string) => Promise<TickerView>;
  readonly connectionOf: (image: Record<string, unknown>) => ConnectionRecord | undefined;
}

/**
 * Posts `message` to one connection, never throwing: a gone connection is forgotten; one the
 * post failed for otherwise (throttled, say) has missed a message, so it is closed (best
 * effort) and its client reconnects and resumes or resyncs. Throwing instead would fail the
 * whole batch, and its redelivery would send every other connection the batch again.
 */
export async function deliver(
  deps: Pick<StreamDeps, 'connections' | 'poster'>,
  connectionId: string,
  message: unknown,
): Promise<void> {
  let delivered: boolean;
  try {
    delivered = await deps.poster.post(connectionId, message);
  } catch {
    await deps.poster.close(connectionId).catch(() => undefined);
    return;
  }
  if (!delivered) await deps.connections.remove(connectionId);
}

/** Posts to every connection subscribed under `key` (see `deliver`). */
export async function broadcast(deps: StreamDeps, key: string, message: unknown): Promise<number> {
  const subscribers = await deps.connections.subscribers(key);
  await Promise.all(subscribers.map((connectionId) => deliver(deps, connectionId, message)));
  return subscribers.length;
}

async function privateChange(deps: FanoutDeps, record: ChangeRecord): Promise<void> {
  const event = privateEventOf(record);
  if (event === undefined) return;
  const at = new Date(deps.nowMs()).toISOString();
  const { seq } = await allocateSeq(deps.events, {
    userId: event.userId,
    channel: event.channel,
    sourceId: record.id,
    event: { event: event.event, data: event.data, at },
  });
  await broadcast(deps, channelKey(event.channel, event.userId), {
    channel: event.channel,
    event: event.event,
    seq,
    data: event.data,
  });
}

const symbolOf = (pk: string, prefix: (symbol: string) => string) =>
  markets.find((market) => prefix(market.symbol) === pk)?.symbol;

async function publicChange(
  deps: FanoutDeps,
  record: ChangeRecord,
  tickers: Set<string>,
): Promise<void> {
  if (record.eventName === 'REMOVE' || record.newImage === undefined) return;
  const { pk } = record.keys;
  const diffSymbol = symbolOf(pk, diffPk);
  if (diffSymbol !== undefined) {
    const diff = diffItemSchema.parse(record.newImage);
    const channel = `orderbook.${diffSymbol}`;
    const data = diffView(marketFormat(diffSymbol), diff);
    await broadcast(deps, channel, { channel, event: 'diff', data });
    return;
  }
  const tradeSymbol = symbolOf(pk, tradesPk);
  if (tradeSymbol !== undefined && record.eventName === 'INSERT') {
    const trade = publicTradeItemSchema.parse(record.newImage);
    const channel = `trades.${tradeSymbol}`;
    const data = publicTradeView(marketFormat(tradeSymbol), trade);
    await broadcast(deps, channel, { channel, event: 'trade', data });
    return;
  }
  const candleSymbol = symbolOf(pk, (symbol) => candlePk(symbol, '1m'));
  if (candleSymbol !== undefined) tickers.add(candleSymbol);
}

async function connectionChange(deps: FanoutDeps, record: ChangeRecord): Promise<void> {
  if (record.eventName !== 'INSERT' || record.keys.sk !== 'META' || !record.newImage) return;
  const connection = deps.connectionOf(record.newImage);
  if (connection === undefined) return;
  if (connection.rejected === null) {
    await deps.poster.post(connection.connectionId, welcomeMessage(connection, deps.limits));
    return;
  }
  await deps.poster.post(connection.connectionId, rejectionMessage(connection));
  await deps.poster.close(connection.connectionId);
  await deps.connections.remove(connection.connectionId);
}

/**
 * The fan-out of one batch of stream records, in order: private order and balance events get
 * their account's next `seq` and go to that account's subscribers only; book diffs and trades
 * go to their public channels; a batch that changed a market's 1m candle sends that market's
 * ticker once; a new connection record gets its welcome, or its error and the close.
 */
export async function fanOut(deps: FanoutDeps, records: readonly ChangeRecord[]): Promise<void> {
  const tickers = new Set<string>();
  for (const record of records) {
    if (record.source === 'trading') await privateChange(deps, record);
    else if (record.source === 'marketData') await publicChange(deps, record, tickers);
    else await connectionChange(deps, record);
  }
  for (const symbol of tickers) {
    const channel = `ticker.${symbol}`;
    if ((await deps.connections.subscribers(channel)).length === 0) continue;
    await broadcast(deps, channel, { channel, event: 'ticker', data: await deps.ticker(symbol) });
  }
}
