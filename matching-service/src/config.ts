import { z } from 'zod';
import { findShard } from '../../shared/trading/shards';

export const matchingConfigSchema = z.object({
  /** The matching shard this task serves: it owns that shard's symbols and nothing else. */
  MATCHING_SHARD: z.string().refine((id) => findShard(id) !== undefined, 'not a matching shard'),
  /** The shard's command queue, which this task alone consumes. */
  ORDERS_QUEUE_URL: z.string().min(1),
  JOURNAL_TABLE: z.string().min(1),
  TRADING_TABLE: z.string().min(1),
  MARKET_DATA_TABLE: z.string().min(1),
  MATCHING_HEALTH_PORT: z.coerce.number().int().min(0).max(65535).default(3001),
  /** Bind address of the health endpoint: loopback locally, all interfaces in a container. */
  MATCHING_HEALTH_HOST: z.string().default('127.0.0.1'),
  /** Identifies this process in heartbeats and as the writer of its journal records. */
  MATCHING_INSTANCE_ID: z.string().min(1).optional(),
  /** How long SQS hides a received message; extended while a batch is being processed. */
  MATCHING_VISIBILITY_SECONDS: z.coerce.number().int().min(5).max(43200).default(30),
  /** A book snapshot is saved every this many journal records of a symbol. */
  MATCHING_SNAPSHOT_EVERY: z.coerce.number().int().min(1).default(200),
  /** Self-trade prevention for orders that do not choose (Binance names). */
  MATCHING_DEFAULT_STP: z
    .enum(['NONE', 'EXPIRE_TAKER', 'EXPIRE_MAKER', 'EXPIRE_BOTH'])
    .default('EXPIRE_MAKER'),
});
export type MatchingConfig = z.infer<typeof matchingConfigSchema>;
