import { z } from 'zod';

/**
 * Matching shards: each shard is one matching task with its own FIFO command queue, and it owns
 * a fixed set of symbols. SQS cannot hand one message group to one consumer, so the queue is
 * the unit of ownership: the API sends a symbol's commands to its shard's queue, and the task of
 * that shard is the only consumer of that queue and the only writer of those symbols' journals.
 *
 * A shard's `id` names its queue, its service and its variables (`ORDERS_QUEUE_URL_<ID>`) and
 * never changes. Moving a symbol to another shard is a migration: halt the market, let its queue
 * drain, then deploy the new map.
 */
export interface MatchingShard {
  readonly id: string;
  readonly symbols: readonly string[];
}

export const matchingShards = [
  { id: 'btc', symbols: ['BTCUSDT'] },
  { id: 'eth', symbols: ['ETHUSDT'] },
] as const satisfies readonly MatchingShard[];

export type ShardId = (typeof matchingShards)[number]['id'];

/** The shard with this id, or undefined. */
export const findShard = (id: string): MatchingShard | undefined =>
  matchingShards.find((shard) => shard.id === id);

/** The shard that owns this symbol, or undefined for a symbol no shard owns. */
export const shardOfSymbol = (symbol: string): MatchingShard | undefined =>
  matchingShards.find((shard) => (shard.symbols as readonly string[]).includes(symbol));

/** The variable that carries a shard's command queue URL to the functions that send to it. */
export const commandQueueEnvVar = (shard: MatchingShard): string =>
  `ORDERS_QUEUE_URL_${shard.id.toUpperCase()}`;

/** Config schema slice: the URL of every shard's command queue. */
export const commandQueueUrlsSchema = z.object(
  Object.fromEntries(matchingShards.map((shard) => [commandQueueEnvVar(shard), z.string().min(1)])),
);

/** The URL of a shard's command queue, from a config parsed with {@link commandQueueUrlsSchema}. */
export function commandQueueUrl(
  config: Readonly<Record<string, unknown>>,
  shard: MatchingShard,
): string {
  const url = config[commandQueueEnvVar(shard)];
  if (typeof url !== 'string') throw new Error(`${commandQueueEnvVar(shard)} is not configured`);
  return url;
}

/**
 * Routes a symbol to the URL of its shard's queue. Throws for a symbol no shard owns: callers
 * validate the symbol against the market registry first, so that is a deployment error, not
 * bad input.
 */
export function commandQueueRouter(
  config: Readonly<Record<string, unknown>>,
): (symbol: string) => string {
  return (symbol) => {
    const shard = shardOfSymbol(symbol);
    if (shard === undefined) throw new Error(`no matching shard owns ${symbol}`);
    return commandQueueUrl(config, shard);
  };
}
