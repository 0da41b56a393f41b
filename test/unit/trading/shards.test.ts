import { describe, expect, it } from 'vitest';
import { liveInstancesPerShard } from '../../../shared/contracts/heartbeat';
import { loadConfig } from '../../../shared/config/load-config';
import { markets } from '../../../shared/domain/markets';
import {
  commandQueueRouter,
  commandQueueUrlsSchema,
  matchingShards,
  shardOfSymbol,
} from '../../../shared/trading/shards';

const urls = {
  ORDERS_QUEUE_URL_BTC: 'http://sqs/000000000000/orders-btc.fifo',
  ORDERS_QUEUE_URL_ETH: 'http://sqs/000000000000/orders-eth.fifo',
};

describe('matching shards', () => {
  it('puts every listed market in exactly one shard, and nothing else', () => {
    const owned = matchingShards.flatMap((shard) => shard.symbols);

    expect([...owned].sort()).toEqual(markets.map((m) => m.symbol).sort());
    expect(new Set(owned).size).toBe(owned.length);
  });

  it('names shards with lowercase letters and digits, each once', () => {
    const ids = matchingShards.map((shard) => shard.id);

    expect(ids.every((id) => /^[a-z0-9]+$/.test(id))).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("routes each symbol to its own shard's queue", () => {
    // Arrange
    const queueUrlOf = commandQueueRouter(loadConfig(commandQueueUrlsSchema, urls));
    // Act / Assert
    expect(queueUrlOf('BTCUSDT')).toBe(urls.ORDERS_QUEUE_URL_BTC);
    expect(queueUrlOf('ETHUSDT')).toBe(urls.ORDERS_QUEUE_URL_ETH);
    expect(shardOfSymbol('ETHUSDT')?.id).toBe('eth');
  });

  it('refuses a symbol no shard owns instead of sending it anywhere', () => {
    const queueUrlOf = commandQueueRouter(loadConfig(commandQueueUrlsSchema, urls));

    expect(() => queueUrlOf('DOGEUSDT')).toThrow('no matching shard owns DOGEUSDT');
  });

  it("fails to load a config that lacks a shard's queue", () => {
    expect(() =>
      loadConfig(commandQueueUrlsSchema, { ORDERS_QUEUE_URL_BTC: urls.ORDERS_QUEUE_URL_BTC }),
    ).toThrow('ORDERS_QUEUE_URL_ETH');
  });
});

describe('live instances per shard', () => {
  const now = new Date('2026-11-24T12:00:00.000Z');
  const ago = (ms: number) => new Date(now.getTime() - ms).toISOString();

  it('counts fresh heartbeats per shard and reports a shard without one at 0', () => {
    // Arrange
    const beats = [
      { shard: 'btc', at: ago(1_000) },
      { shard: 'btc', at: ago(60_000) },
      { shard: 'eth', at: ago(30_000) },
      { at: ago(1_000) },
    ];
    // Act
    const live = liveInstancesPerShard(beats, ['btc', 'eth'], now);
    // Assert
    expect(live).toEqual([
      { shard: 'btc', alive: 1 },
      { shard: 'eth', alive: 0 },
    ]);
  });
});
