import { Stack } from 'aws-cdk-lib';
import type { StackProps } from 'aws-cdk-lib';
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
import { DockerImageAsset, Platform } from 'aws-cdk-lib/aws-ecr-assets';
import {
  Cluster,
  ContainerInsights,
  type FargateService,
  type ICluster,
} from 'aws-cdk-lib/aws-ecs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { matchingShards, type ShardId } from '../../shared/trading/shards';
import { shardSuffix } from '../definitions/queues';
import { MatchingShardService } from '../constructs/matching-shard';
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

/**
 * The matching service: one Fargate service per matching shard (`shared/trading/shards.ts`),
 * each a single task consuming its shard's FIFO command queue, in private isolated subnets (no
 * NAT, no internet; AWS APIs through VPC endpoints). The shards share the cluster, the network,
 * the image and the log group; nothing else.
 */
export class MatchingStack extends Stack {
  /** The service of each shard. */
  readonly services: Readonly<Record<ShardId, FargateService>>;

  constructor(scope: Construct, id: string, props: MatchingStackProps) {
    super(scope, id, props);
    const { vpc, serviceSecurityGroup } = this.network();
    // The `as I…` casts here and below only bridge aws-cdk-lib's `prop?: T` declarations to our
    // exactOptionalPropertyTypes; the classes do implement the interfaces.
    const cluster = new Cluster(this, 'Cluster', {
      vpc,
      containerInsightsV2: ContainerInsights.ENABLED,
    }) as ICluster;
    const image = new DockerImageAsset(this, 'Image', {
      directory: props.repoRoot ?? repositoryRoot,
      file: 'matching-service/Dockerfile',
      exclude: ['node_modules', '.git', '.local', 'cdk.out', 'test', 'coverage'],
      platform: Platform.LINUX_ARM64,
    });
    const logGroup = new LogGroup(this, 'Logs', { retention: RetentionDays.ONE_MONTH });
    const services = matchingShards.map((shard) => {
      const shardService = new MatchingShardService(this, `Shard${shardSuffix(shard)}`, {
        shard,
        resources: props.resources,
        stage: props.stage,
        cluster,
        image,
        logGroup,
        securityGroup: serviceSecurityGroup,
        cpu: props.cpu ?? 512,
        memoryLimitMiB: props.memoryLimitMiB ?? 1024,
      });
      return [shard.id, shardService.service] as const;
    });
    this.services = Object.fromEntries(services) as Record<ShardId, FargateService>;
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
