import { Duration, Stack } from 'aws-cdk-lib';
import { ComparisonOperator, Metric, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { type ISecurityGroup, SubnetType } from 'aws-cdk-lib/aws-ec2';
import {
  ContainerImage,
  CpuArchitecture,
  FargateService,
  FargateTaskDefinition,
  type ICluster,
  LogDrivers,
  OperatingSystemFamily,
} from 'aws-cdk-lib/aws-ecs';
import type { DockerImageAsset } from 'aws-cdk-lib/aws-ecr-assets';
import type { ILogGroup } from 'aws-cdk-lib/aws-logs';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { matchingMetrics } from '../../shared/contracts/heartbeat';
import type { MatchingShard, ShardId } from '../../shared/trading/shards';
import { commandQueues } from '../definitions/queues';
import type { Access } from '../definitions/routes';
import { grantAccess } from './access';
import { notifyingAlarm } from './alarms';
import { acknowledge, acknowledgements } from './nag';
import type { ExchangeResources } from './resources';

/** Port of the engine's health endpoint inside the task; nothing outside the task reaches it. */
export const matchingHealthPort = 3001;

/**
 * Exactly the DynamoDB actions the engine sends: no DeleteItem, no Scan. Journal: records and
 * the settled cursor (conditional PutItem), snapshot chunks (BatchWriteItem of puts) and
 * headers, heartbeats, the cursor read (GetItem) and replay (Query). Trading: settlement's batch
 * read and its transactions of conditional Puts and Updates (no ConditionCheck, no Delete).
 * MarketData: candle and depth reads, forward-only Puts of depth and top, batched Puts of
 * diffs, trades and candles. IAM cannot grant `BatchWriteItem`'s puts without its deletes, so
 * journal and market-data items could still be deleted through it.
 */
export const matchingAccess = {
  tableActions: {
    journal: ['BatchWriteItem', 'GetItem', 'PutItem', 'Query'],
    trading: ['BatchGetItem', 'PutItem', 'UpdateItem'],
    marketData: ['BatchWriteItem', 'GetItem', 'PutItem'],
  },
} as const satisfies Access;

const healthProbe = `fetch('http://127.0.0.1:${matchingHealthPort}/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))`;

/** Props of {@link MatchingShardService}. */
export interface MatchingShardServiceProps {
  readonly shard: MatchingShard & { readonly id: ShardId };
  readonly resources: ExchangeResources;
  readonly stage: string;
  readonly cluster: ICluster;
  readonly image: DockerImageAsset;
  readonly logGroup: ILogGroup;
  readonly securityGroup: ISecurityGroup;
  readonly cpu: number;
  readonly memoryLimitMiB: number;
}

/**
 * One matching shard: a Fargate service of exactly one task that alone consumes the shard's
 * command queue (its role can receive from that queue and no other) and owns the shard's
 * symbols (`MATCHING_SHARD`).
 *
 * Deployments stop the old task before starting the new one (`minHealthyPercent: 0`,
 * `maxHealthyPercent: 100`): a deployment must never run two writers on one shard. The
 * journal's conditional writes on the per-symbol sequence fence a second engine out anyway, so
 * an overlap would cost failed writes and redeliveries, never a forked book. The circuit
 * breaker rolls back a task that cannot get healthy.
 */
export class MatchingShardService extends Construct {
  readonly service: FargateService;

  constructor(scope: Construct, id: string, props: MatchingShardServiceProps) {
    super(scope, id);
    const { shard, resources } = props;
    const queueDefinition = commandQueues[shard.id];
    const queue = resources.commandQueues[shard.id];
    const taskDefinition = new FargateTaskDefinition(this, 'Task', {
      cpu: props.cpu,
      memoryLimitMiB: props.memoryLimitMiB,
      runtimePlatform: {
        cpuArchitecture: CpuArchitecture.ARM64,
        operatingSystemFamily: OperatingSystemFamily.LINUX,
      },
    });
    queue.grantConsumeMessages(taskDefinition.taskRole);
    const tableEnv = grantAccess(taskDefinition.taskRole, matchingAccess, resources);
    taskDefinition.addContainer('Engine', {
      image: ContainerImage.fromDockerImageAsset(props.image),
      logging: LogDrivers.awsLogs({ streamPrefix: `engine-${shard.id}`, logGroup: props.logGroup }),
      readonlyRootFilesystem: true,
      stopTimeout: Duration.seconds(30),
      environment: {
        ...tableEnv,
        MATCHING_SHARD: shard.id,
        ORDERS_QUEUE_URL: queue.queueUrl,
        MATCHING_HEALTH_PORT: String(matchingHealthPort),
        MATCHING_VISIBILITY_SECONDS: String(queueDefinition.visibilityTimeoutSeconds),
        POWERTOOLS_SERVICE_NAME: 'matching',
        LOG_LEVEL: 'INFO',
        STAGE: props.stage,
        AWS_REGION: Stack.of(this).region,
      },
      healthCheck: {
        command: ['CMD', 'node', '-e', healthProbe],
        interval: Duration.seconds(30),
        timeout: Duration.seconds(5),
        retries: 3,
        startPeriod: Duration.seconds(60),
      },
    });
    this.service = new FargateService(this, 'Service', {
      cluster: props.cluster,
      taskDefinition,
      desiredCount: 1,
      minHealthyPercent: 0,
      maxHealthyPercent: 100,
      circuitBreaker: { enable: true, rollback: true },
      vpcSubnets: { subnetType: SubnetType.PRIVATE_ISOLATED },
      assignPublicIp: false,
      securityGroups: [props.securityGroup],
    });
    this.alarms(shard, queue, resources);
    acknowledge(taskDefinition, acknowledgements.containerEnvironment);
    const executionRole = taskDefinition.executionRole;
    if (executionRole !== undefined) acknowledge(executionRole, acknowledgements.ecrAuthWildcard);
  }

  /**
   * The shard's orders waiting over a minute for its engine (down or behind), its settlement
   * falling behind the journal for three minutes (the service's `SettlementLag` metric: age of
   * the oldest record waiting), and any engine exception (`ApplyFailures`). All notify the
   * stage's alarm topic.
   */
  private alarms(shard: MatchingShard, queue: IQueue, resources: ExchangeResources): void {
    notifyingAlarm(
      this,
      'BacklogAlarm',
      queue.metricApproximateAgeOfOldestMessage({
        period: Duration.minutes(1),
        statistic: 'Maximum',
      }),
      {
        alarmDescription: `Orders of shard ${shard.id} wait over a minute: its engine is down or behind`,
        threshold: 60,
        comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
        evaluationPeriods: 2,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      },
      resources.alarmTopic,
    );
    const serviceMetric = (metricName: string, statistic: string) =>
      new Metric({
        namespace: matchingMetrics.namespace,
        metricName,
        dimensionsMap: { service: 'matching', shard: shard.id },
        statistic,
        period: Duration.minutes(1),
      });
    notifyingAlarm(
      this,
      'SettlementLagAlarm',
      serviceMetric('SettlementLag', 'Maximum'),
      {
        alarmDescription: `Journaled fills of shard ${shard.id} wait over 30 s for settlement`,
        threshold: 30_000,
        comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
        evaluationPeriods: 3,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      },
      resources.alarmTopic,
    );
    notifyingAlarm(
      this,
      'EngineFailureAlarm',
      serviceMetric('ApplyFailures', 'Sum'),
      {
        alarmDescription: `The engine of shard ${shard.id} threw on a batch (a broken invariant); the batch is retried, then dead-lettered`,
        threshold: 0,
        comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
        evaluationPeriods: 1,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      },
      resources.alarmTopic,
    );
  }
}
