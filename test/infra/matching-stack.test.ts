import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { matchingConfigSchema } from '../../matching-service/src/config';
import { tables } from '../../infra/definitions/tables';
import { matchingHealthPort } from '../../infra/stacks/matching-stack';
import { actionsOf, buildExchange, logicalIdOf, statementsOfRole, templatesOf } from './support';

const { stacks } = buildExchange();
const template = templatesOf(stacks).matching;
const taskDefinition = stacks.matching.service.taskDefinition;
const taskRoleActions = actionsOf(statementsOfRole(template, logicalIdOf(taskDefinition.taskRole)));

function container(): Record<string, unknown> {
  const definitions = Object.values(template.findResources('AWS::ECS::TaskDefinition'));
  return definitions[0]?.['Properties'].ContainerDefinitions[0] ?? {};
}

describe('matching stack: service', () => {
  it('never runs two engines during a deployment and rolls back a failed one', () => {
    template.hasResourceProperties('AWS::ECS::Service', {
      LaunchType: 'FARGATE',
      DesiredCount: 1,
      DeploymentConfiguration: {
        MinimumHealthyPercent: 0,
        MaximumPercent: 100,
        DeploymentCircuitBreaker: { Enable: true, Rollback: true },
      },
      NetworkConfiguration: {
        AwsvpcConfiguration: Match.objectLike({ AssignPublicIp: 'DISABLED' }),
      },
    });
  });

  it('runs an ARM64 Linux task', () => {
    template.hasResourceProperties('AWS::ECS::TaskDefinition', {
      RuntimePlatform: { CpuArchitecture: 'ARM64', OperatingSystemFamily: 'LINUX' },
      RequiresCompatibilities: ['FARGATE'],
    });
  });

  it('enables container insights on the cluster', () => {
    template.hasResourceProperties('AWS::ECS::Cluster', {
      ClusterSettings: [{ Name: 'containerInsights', Value: 'enabled' }],
    });
  });

  it('checks the container health on its loopback health port', () => {
    expect(container()).toMatchObject({
      ReadonlyRootFilesystem: true,
      HealthCheck: {
        Command: ['CMD', 'node', '-e', expect.stringContaining(`127.0.0.1:${matchingHealthPort}`)],
      },
      LogConfiguration: { LogDriver: 'awslogs' },
    });
  });

  it('passes every variable the matching config requires, and the tables it writes', () => {
    const names = (container()['Environment'] as { Name: string }[]).map((e) => e.Name);
    const required = Object.entries(matchingConfigSchema.shape)
      .filter(([, schema]) => !schema.safeParse(undefined).success)
      .map(([name]) => name);

    expect(names).toEqual(
      expect.arrayContaining([
        ...required,
        tables.trading.envVar,
        tables.marketData.envVar,
        'MATCHING_HEALTH_PORT',
      ]),
    );
  });

  it('keeps the service logs for a month', () => {
    template.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 30 });
  });
});

describe('matching stack: task role', () => {
  it('consumes the orders queue', () => {
    expect(taskRoleActions).toEqual(
      expect.arrayContaining([
        'sqs:ReceiveMessage',
        'sqs:DeleteMessage',
        'sqs:ChangeMessageVisibility',
        'sqs:GetQueueAttributes',
      ]),
    );
  });

  it('reads and writes items but cannot delete a table or send to a queue', () => {
    expect(taskRoleActions).toEqual(
      expect.arrayContaining(['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:Query']),
    );
    expect(taskRoleActions).not.toContain('dynamodb:DeleteTable');
    expect(taskRoleActions).not.toContain('sqs:SendMessage');
    expect(taskRoleActions.filter((a) => a.includes('*') || a.startsWith('kms:'))).toEqual([]);
  });
});

describe('matching stack: network', () => {
  it('has private isolated subnets in two AZs and no NAT gateway or internet gateway', () => {
    template.resourceCountIs('AWS::EC2::Subnet', 2);
    template.resourceCountIs('AWS::EC2::NatGateway', 0);
    template.resourceCountIs('AWS::EC2::InternetGateway', 0);
  });

  it('reaches DynamoDB and S3 through gateway endpoints', () => {
    template.resourcePropertiesCountIs('AWS::EC2::VPCEndpoint', { VpcEndpointType: 'Gateway' }, 2);
  });

  it.each(['sqs', 'ecr.api', 'ecr.dkr', 'logs', 'kms'])(
    'reaches %s through a private interface endpoint',
    (service) => {
      const interfaces = Object.values(
        template.findResources('AWS::EC2::VPCEndpoint', {
          Properties: { VpcEndpointType: 'Interface', PrivateDnsEnabled: true },
        }),
      );
      const services = interfaces.map((e) => JSON.stringify(e['Properties'].ServiceName));

      expect(services.filter((name) => name.includes(`".${service}"`))).toHaveLength(1);
    },
  );

  it('lets only the service security group reach the interface endpoints', () => {
    template.hasResourceProperties('AWS::EC2::SecurityGroupIngress', {
      IpProtocol: 'tcp',
      FromPort: 443,
      ToPort: 443,
      SourceSecurityGroupId: Match.anyValue(),
    });
    const groups = Object.values(template.findResources('AWS::EC2::SecurityGroup'));
    const cidrIngress = groups.flatMap(
      (g) => (g['Properties'].SecurityGroupIngress ?? []) as unknown[],
    );

    expect(cidrIngress).toEqual([]);
  });

  it('logs all VPC traffic', () => {
    template.hasResourceProperties('AWS::EC2::FlowLog', {
      ResourceType: 'VPC',
      TrafficType: 'ALL',
      LogDestinationType: 'cloud-watch-logs',
    });
  });
});

describe('matching stack: alarms', () => {
  it('alarms when orders wait for the engine longer than a minute', () => {
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'ApproximateAgeOfOldestMessage',
      Namespace: 'AWS/SQS',
      Threshold: 60,
      ComparisonOperator: 'GreaterThanThreshold',
    });
  });

  it('alarms when settlement lags the journal by more than 30 s for three minutes', () => {
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'SettlementLag',
      Namespace: 'Exchange',
      Dimensions: [{ Name: 'service', Value: 'matching' }],
      Threshold: 30_000,
      EvaluationPeriods: 3,
    });
  });
});
