import { describe, expect, it } from 'vitest';
import { cancelConfigSchema } from '../../../functions/orders/config';
import { commandQueueEnvVar, matchingShards } from '../../../shared/trading/shards';

const env = {
  TRADING_TABLE: 'Trading',
  AUDIT_TABLE: 'Audit',
  ...Object.fromEntries(
    matchingShards.map((shard) => [
      commandQueueEnvVar(shard),
      `https://sqs.local/${shard.id}.fifo`,
    ]),
  ),
};

describe('order function configuration', () => {
  it('refuses a command lifetime so short that the engine would refuse every order', () => {
    const tooShort = cancelConfigSchema.safeParse({ ...env, ORDER_COMMAND_TTL_SECONDS: '0' });
    const enough = cancelConfigSchema.safeParse({ ...env, ORDER_COMMAND_TTL_SECONDS: '10' });

    expect(tooShort.error?.issues.map((issue) => issue.path)).toEqual([
      ['ORDER_COMMAND_TTL_SECONDS'],
    ]);
    expect(enough.data?.ORDER_COMMAND_TTL_SECONDS).toBe(10);
  });
});
