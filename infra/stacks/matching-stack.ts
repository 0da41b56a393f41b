import { Duration, Stack } from 'aws-cdk-lib';
import type { StackProps } from 'aws-cdk-lib';
import { ComparisonOperator, Metric, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import {
  FlowLogDestination,
  FlowLogTrafficType,
  GatewayVpcEndpointAwsService,
  InterfaceVpcEndpointAwsService,
  type IVpc,
  Port,
  SecurityGroup,
  SubnetType,
  Vpc,
} from 'aws-cdk-lib/aws-ec2';
import { Platform } from 'aws-cdk-lib/aws-ecr-assets';
import {
  Cluster,
  ContainerImage,
  ContainerInsights,
  CpuArchitecture,
  FargateService,
  FargateTaskDefinition,
  type ICluster,
  LogDrivers,
  OperatingSystemFamily,
} from 'aws-cdk-lib/aws-ecs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { queues } from '../definitions/queues';
import { matchingMetrics } from '../../shared/contracts/heartbeat';
import type { Access } from '../definitions/routes';
import { grantAccess } from '../constructs/access';
import { notifyingAlarm } from '../constructs/alarms';
import { acknowledge, acknowledgements } from '../constructs/nag';
import { repositoryRoot } from '../constructs/paths';
import type { ExchangeResources } from '../constructs/resources';

/** Props of {@link MatchingStack}. */
export interface MatchingStackProps extends StackProps {
  readonly resources: ExchangeResources;
  readonly stage: string;
  /** Docker build context (the repository: the image bundles `shared/`). @default the repository */
  readonly repoRoot?: string;
  /** @default 512 (0.5 vCPU) */
  readonly cpu?: number;
  /** @default 1024 */
  readonly memoryLimitMiB?: number;
}

/** Port of the engine's health endpoint inside the task; nothing outside the task reaches it. */
export const matchingHealthPort = 3001;

/** Tables the engine writes: its journal, the settled trading state and market data. */
export const matchingAccess = {
  tables: { journal: 'readwrite', trading: 'readwrite', marketData: 'readwrite' },
} as const satisfies Access;

const healthProbe = `fetch('http://127.0.0.1:${matchingHealthPort}/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))`;

/**
 * The matching service: one Fargate task in private isolated subnets (no NAT, no internet; AWS
 * APIs through VPC endpoints) consuming the FIFO orders queue.
 *
 * Deployments stop the old task before starting the new one (`minHealthyPercent: 0`,
 * `maxHealthyPercent: 100`): a deployment must never run two writers on one symbol's book. The
 * journal's conditional writes on the per-symbol sequence fence a second engine out anyway,
 * so an overlap would cost failed writes and redeliveries, never a forked book. The circuit
 * breaker rolls back a task that cannot get healthy.
 */
export class MatchingStack extends Stack {
  readonly service: FargateService;

  constructor(scope: Construct, id: string, props: MatchingStackProps) {
    super(scope, id, props);
    const { vpc, serviceSecurityGroup } = this.network();
    // The `as I…` casts here and below only bridge aws-cdk-lib's `prop?: T` declarations to our
    // exactOptionalPropertyTypes; the classes do implement the interfaces.
    const cluster = new Cluster(this, 'Cluster', {
      vpc,
      containerInsightsV2: ContainerInsights.ENABLED,
    }) as ICluster;
    const taskDefinition = new FargateTaskDefinition(this, 'Task', {
      cpu: props.cpu ?? 512,
      memoryLimitMiB: props.memoryLimitMiB ?? 1024,
      runtimePlatform: {
        cpuArchitecture: CpuArchitecture.ARM64,
        operatingSystemFamily: OperatingSystemFamily.LINUX,
      },
    });
    const orders = props.resources.queues.orders;
    orders.grantConsumeMessages(taskDefinition.taskRole);
    const tableEnv = grantAccess(taskDefinition.taskRole, matchingAccess, props.resources);
    const logGroup = new LogGroup(this, 'Logs', { retention: RetentionDays.ONE_MONTH });
    taskDefinition.addContainer('Engine', {
      image: ContainerImage.fromAsset(props.repoRoot ?? repositoryRoot, {
        file: 'matching-service/Dockerfile',
        exclude: ['node_modules', '.git', '.local', 'cdk.out', 'test', 'coverage'],
        platform: Platform.LINUX_ARM64,
      }),
      logging: LogDrivers.awsLogs({ streamPrefix: 'engine', logGroup }),
      readonlyRootFilesystem: true,
      stopTimeout: Duration.seconds(30),
      environment: {
        ...tableEnv,
        [queues.orders.envVar]: orders.queueUrl,
        MATCHING_HEALTH_PORT: String(matchingHealthPort),
        MATCHING_VISIBILITY_SECONDS: String(queues.orders.visibilityTimeoutSeconds),
        POWERTOOLS_SERVICE_NAME: 'matching',
        LOG_LEVEL: 'INFO',
        STAGE: props.stage,
        AWS_REGION: this.region,
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
      cluster,
      taskDefinition,
      desiredCount: 1,
      minHealthyPercent: 0,
      maxHealthyPercent: 100,
      circuitBreaker: { enable: true, rollback: true },
      vpcSubnets: { subnetType: SubnetType.PRIVATE_ISOLATED },
      assignPublicIp: false,
      securityGroups: [serviceSecurityGroup],
    });
    this.alarms(props.resources);
    acknowledge(taskDefinition, acknowledgements.containerEnvironment);
    const executionRole = taskDefinition.executionRole;
    if (executionRole !== undefined) acknowledge(executionRole, acknowledgements.ecrAuthWildcard);
  }

  /**
   * Orders waiting over a minute for the engine (down or behind), and settlement falling
   * behind the journal for three minutes (the service's `SettlementLag` metric: age of the
   * oldest record waiting). The dead-letter queue's alarm lives with the queue (stateful
   * stack). All notify the stage's alarm topic.
   */
  private alarms(resources: ExchangeResources): void {
    notifyingAlarm(
      this,
      'OrdersBacklogAlarm',
      resources.queues.orders.metricApproximateAgeOfOldestMessage({
        period: Duration.minutes(1),
        statistic: 'Maximum',
      }),
      {
        alarmDescription: 'Orders wait over a minute: the matching service is down or behind',
        threshold: 60,
        comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
        evaluationPeriods: 2,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      },
      resources.alarmTopic,
    );
    const settlementLag = new Metric({
      namespace: matchingMetrics.namespace,
      metricName: 'SettlementLag',
      dimensionsMap: { service: 'matching' },
      statistic: 'Maximum',
      period: Duration.minutes(1),
    });
    notifyingAlarm(
      this,
      'SettlementLagAlarm',
      settlementLag,
      {
        alarmDescription: 'Journaled fills wait over 30 s for settlement: balances are behind',
        threshold: 30_000,
        comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
        evaluationPeriods: 3,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      },
      resources.alarmTopic,
    );
  }

  /**
   * Two AZs of private isolated subnets. Without NAT gateways the only way out is the VPC
   * endpoints: DynamoDB and S3 (ECR image layers) as gateways, SQS, ECR, CloudWatch Logs and
   * KMS as interfaces, which accept HTTPS from the service's security group only. The service
   * group has no ingress; its open egress can reach nothing but those endpoints. Flow logs
   * record all traffic.
   */
  private network(): { vpc: IVpc; serviceSecurityGroup: SecurityGroup } {
    const vpc = new Vpc(this, 'Vpc', {
      maxAzs: 2,
      natGateways: 0,
      subnetConfiguration: [
        { name: 'isolated', subnetType: SubnetType.PRIVATE_ISOLATED, cidrMask: 24 },
      ],
    }) as IVpc;
    const flowLogs = new LogGroup(this, 'FlowLogs', { retention: RetentionDays.ONE_MONTH });
    vpc.addFlowLog('FlowLog', {
      destination: FlowLogDestination.toCloudWatchLogs(flowLogs),
      trafficType: FlowLogTrafficType.ALL,
    });
    vpc.addGatewayEndpoint('DynamoDbEndpoint', { service: GatewayVpcEndpointAwsService.DYNAMODB });
    vpc.addGatewayEndpoint('S3Endpoint', { service: GatewayVpcEndpointAwsService.S3 });
    const serviceSecurityGroup = new SecurityGroup(this, 'ServiceSecurityGroup', {
      vpc,
      description: 'Matching service tasks: no ingress',
      allowAllOutbound: true,
    });
    const endpointSecurityGroup = new SecurityGroup(this, 'EndpointSecurityGroup', {
      vpc,
      description: 'Interface endpoints: HTTPS from the matching service only',
      allowAllOutbound: false,
    });
    endpointSecurityGroup.addIngressRule(serviceSecurityGroup, Port.tcp(443), 'HTTPS from tasks');
    const interfaces = {
      SqsEndpoint: InterfaceVpcEndpointAwsService.SQS,
      EcrApiEndpoint: InterfaceVpcEndpointAwsService.ECR,
      EcrDockerEndpoint: InterfaceVpcEndpointAwsService.ECR_DOCKER,
      LogsEndpoint: InterfaceVpcEndpointAwsService.CLOUDWATCH_LOGS,
      KmsEndpoint: InterfaceVpcEndpointAwsService.KMS,
    };
    for (const [endpointId, service] of Object.entries(interfaces)) {
      vpc.addInterfaceEndpoint(endpointId, {
        service,
        privateDnsEnabled: true,
        open: false,
        securityGroups: [endpointSecurityGroup],
      });
    }
    return { vpc, serviceSecurityGroup };
  }
}
