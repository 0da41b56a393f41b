import { describe, expect, it } from 'vitest';
import { matchingConfigSchema } from '../../../matching-service/src/config';
import { loadConfig } from '../../../shared/config/load-config';

const env = {
  ORDERS_QUEUE_URL: 'http://127.0.0.1:9/000000000000/orders-eth.fifo',
  JOURNAL_TABLE: 'Journal',
  TRADING_TABLE: 'Trading',
  MARKET_DATA_TABLE: 'MarketData',
};

describe('matching service configuration', () => {
  it('serves the shard it is told to serve', () => {
    expect(loadConfig(matchingConfigSchema, { ...env, MATCHING_SHARD: 'eth' }).MATCHING_SHARD).toBe(
      'eth',
    );
  });

  it('refuses to start without a shard, or with one that is not in the shard map', () => {
    expect(() => loadConfig(matchingConfigSchema, env)).toThrow('MATCHING_SHARD');
    expect(() => loadConfig(matchingConfigSchema, { ...env, MATCHING_SHARD: 'doge' })).toThrow(
      'MATCHING_SHARD: not a matching shard',
    );
  });
});
