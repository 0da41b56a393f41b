import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { IUserPool, IUserPoolClient } from 'aws-cdk-lib/aws-cognito';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import type { keys } from '../definitions/keys';
import type { queues } from '../definitions/queues';
import type { TableKey } from '../definitions/tables';
import type { ShardId } from '../../shared/trading/shards';

export type QueueKey = keyof typeof queues;
export type KeyKey = keyof typeof keys;

/**
 * The stateful resources every deployable may be granted access to, as construct references
 * keyed like the definitions. Stacks receive this, never names or ARNs, so a grant and the env
 * var naming its resource always come from the same object.
 */
export interface ExchangeResources {
  readonly tables: Readonly<Record<TableKey, ITableV2>>;
  readonly queues: Readonly<Record<QueueKey, IQueue>>;
  /** Each matching shard's FIFO command queue: its task consumes it, the API sends to all. */
  readonly commandQueues: Readonly<Record<ShardId, IQueue>>;
  readonly keys: Readonly<Record<KeyKey, IKey>>;
  readonly userPool: IUserPool;
  readonly userPoolClient: IUserPoolClient;
  /** Sender address of the platform's own mail (SES identity: the address or its domain). */
  readonly mailFrom: string;
  /** Every alarm of the stage notifies this topic (see `notifyingAlarm`). */
  readonly alarmTopic: ITopic;
}
