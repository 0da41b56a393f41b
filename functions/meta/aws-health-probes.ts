import { DescribeUserPoolCommand } from '@aws-sdk/client-cognito-identity-provider';
import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { DescribeKeyCommand } from '@aws-sdk/client-kms';
import { GetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import {
  HEARTBEAT_PK,
  heartbeatItemSchema,
  liveInstancesPerShard,
} from '../../shared/contracts/heartbeat';
import { commandQueueUrl, matchingShards } from '../../shared/trading/shards';
import type { AwsClients } from '../../shared/aws/clients';
import type { HealthConfig } from './config';
import type { DependencyProbe } from './ports';

/** Probes of the real services through the SDK; only this file talks to AWS for health. */
export function awsHealthProbes(
  clients: AwsClients,
  config: HealthConfig,
  now: () => Date,
): DependencyProbe[] {
  const tableNames = [
    config.USERS_TABLE,
    config.VAULT_TABLE,
    config.TRADING_TABLE,
    config.JOURNAL_TABLE,
    config.MARKET_DATA_TABLE,
    config.AUDIT_TABLE,
    config.RATE_LIMITS_TABLE,
    config.STREAMS_TABLE,
  ];
  return [
    {
      name: 'dynamodb',
      async check() {
        const described = await Promise.all(
          tableNames.map((TableName) =>
            clients.dynamodb.send(new DescribeTableCommand({ TableName })),
          ),
        );
        const inactive = described.filter((d) => d.Table?.TableStatus !== 'ACTIVE');
        if (inactive.length > 0) throw new Error(`${inactive.length} table(s) not active`);
        return `${described.length} tables active`;
      },
    },
    {
      name: 'sqs',
      async check() {
        const queueUrls = [
          ...matchingShards.map((shard) => commandQueueUrl(config, shard)),
          config.ORDERS_DLQ_URL,
        ];
        await Promise.all(
          queueUrls.map((QueueUrl) =>
            clients.sqs.send(
              new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['QueueArn'] }),
            ),
          ),
        );
        return `${matchingShards.length} order queues and the dead-letter queue reachable`;
      },
    },
    {
      name: 'cognito',
      async check() {
        await clients.cognito.send(
          new DescribeUserPoolCommand({ UserPoolId: config.USER_POOL_ID }),
        );
        return undefined;
      },
    },
    {
      name: 'kms',
      async check() {
        const keys = await Promise.all(
          [
            config.VAULT_KEY_ID,
            config.AUDIT_SIGNING_KEY_ID,
            config.MFA_KEY_ID,
            config.API_KEYS_KEY_ID,
          ].map((KeyId) => clients.kms.send(new DescribeKeyCommand({ KeyId }))),
        );
        if (keys.some((k) => k.KeyMetadata?.Enabled !== true)) throw new Error('a key is disabled');
        return `${keys.length} keys enabled`;
      },
    },
    {
      name: 'matching',
      async check() {
        const { Items = [] } = await clients.documents.send(
          new QueryCommand({
            TableName: config.JOURNAL_TABLE,
            KeyConditionExpression: 'pk = :pk',
            ExpressionAttributeValues: { ':pk': HEARTBEAT_PK },
          }),
        );
        const beats = Items.map((item) => heartbeatItemSchema.parse(item));
        const shards = liveInstancesPerShard(
          beats,
          matchingShards.map((shard) => shard.id),
          now(),
        );
        const down = shards.filter((s) => s.alive === 0).map((s) => s.shard);
        if (down.length > 0) throw new Error(`no live instance of shard ${down.join(', ')}`);
        return shards.map((s) => `${s.shard}: ${s.alive} alive`).join(', ');
      },
    },
  ];
}
