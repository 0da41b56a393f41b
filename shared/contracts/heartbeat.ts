import { z } from 'zod';

/**
 * The matching service's liveness record in the Journal table. The service writes it every few
 * seconds; `GET /api/health` reads the newest. The same code works locally and on Fargate, where
 * a Lambda cannot reach the task's own health port.
 */
export const HEARTBEAT_PK = 'HEARTBEAT';
export const HEARTBEAT_INTERVAL_MS = 5_000;
/** A heartbeat older than this means the service is down. */
export const HEARTBEAT_STALE_MS = 20_000;

export const heartbeatItemSchema = z.object({
  pk: z.literal(HEARTBEAT_PK),
  /** `matching#<instance id>`: one item per running instance. */
  sk: z.string().startsWith('matching#'),
  instance_id: z.string(),
  /** The matching shard this instance serves (absent on records of older versions). */
  shard: z.string().optional(),
  at: z.iso.datetime(),
  started_at: z.iso.datetime(),
  commands_processed: z.number().int().nonnegative(),
  /** Epoch seconds; DynamoDB's TTL removes instances that stopped long ago. */
  expires_at: z.number().int(),
});
export type HeartbeatItem = z.infer<typeof heartbeatItemSchema>;

/**
 * How many instances of each shard beat within {@link HEARTBEAT_STALE_MS} of `now`, in the
 * order of `shardIds`. A shard at 0 is down: its symbols' orders wait in its queue.
 */
export function liveInstancesPerShard(
  beats: readonly Pick<HeartbeatItem, 'shard' | 'at'>[],
  shardIds: readonly string[],
  now: Date,
): { shard: string; alive: number }[] {
  const fresh = beats.filter((beat) => now.getTime() - Date.parse(beat.at) <= HEARTBEAT_STALE_MS);
  return shardIds.map((shard) => ({
    shard,
    alive: fresh.filter((beat) => beat.shard === shard).length,
  }));
}

/**
 * The matching service's CloudWatch metrics (embedded metric format in its logs, dimension
 * `service=matching` and `shard=<id>`): `QueueLag`, `MatchLatency`, `SettlementLag` (ms from journaling a record to settling it),
 * `SettlementBacklog` (records journaled and not yet settled), `CommandsProcessed` and
 * `Fenced` (batches another engine journaled first), published every
 * {@link matchingMetrics.intervalMs}. The matching stack alarms on them.
 */
export const matchingMetrics = { namespace: 'Exchange', intervalMs: 10_000 } as const;
