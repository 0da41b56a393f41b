import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { matchingConfigSchema } from '../../matching-service/src/config';
import { tables, type TableKey } from '../../infra/definitions/tables';
import { matchingHealthPort } from '../../infra/constructs/matching-shard';
import { matchingShards, type ShardId } from '../../shared/trading/shards';
import {
  actionsOf,
  buildExchange,
  logicalIdOf,
  statementsOfRole,
  templatesOf,
  type Statement,
} from './support';

const { stacks } = buildExchange();
const template = templatesOf(stacks).matching;
const taskDefinitionOf = (shard: ShardId) => stacks.matching.services[shard].taskDefinition;
const taskRoleOf = (shard: ShardId): Statement[] =>
  statementsOfRole(template, logicalIdOf(taskDefinitionOf(shard).taskRole));
const taskRoleActions = actionsOf(matchingShards.flatMap((shard) => taskRoleOf(shard.id)));

function container(shard: ShardId): Record<string, unknown> {
  const definition = template.findResources('AWS::ECS::TaskDefinition')[
    logicalIdOf(taskDefinitionOf(shard))
  ];
  return definition?.['Properties'].ContainerDefinitions[0] ?? {};
}

const environmentOf = (shard: ShardId): Record<string, unknown> =>
  Object.fromEntries(
    (container(shard)['Environment'] as { Name: string; Value: unknown }[]).map((e) => [
      e.Name,
      e.Value,
    ]),
  );

describe('matching stack: one service per shard', () => {
  it('runs one single-task Fargate service per matching shard', () => {
    template.resourceCountIs('AWS::ECS::Service', matchingShards.length);
    template.resourceCountIs('AWS::ECS::TaskDefinition', matchingShards.length);
  });

  it('tells each task its shard and gives it its own command queue', () => {
    const queueUrls = matchingShards.map((shard) => {
      const env = environmentOf(shard.id);
      expect(env['MATCHING_SHARD']).toBe(shard.id);
      return JSON.stringify(env['ORDERS_QUEUE_URL']);
    });

    expect(new Set(queueUrls).size).toBe(matchingShards.length);
    matchingShards.forEach((shard, i) => {
      const queueId = logicalIdOf(stacks.stateful.resources.commandQueues[shard.id]);
      expect(queueUrls[i]).toContain(queueId);
    });
  });

  it("lets each task receive from its own shard's queue and from no other", () => {
    for (const shard of matchingShards) {
      const receiving = taskRoleOf(shard.id).filter((s) =>
        actionsOf([s]).includes('sqs:ReceiveMessage'),
      );
      const resources = JSON.stringify(receiving.map((s) => s.Resource));
      for (const other of matchingShards) {
        const queueId = logicalIdOf(stacks.stateful.resources.commandQueues[other.id]);
        expect(resources.includes(queueId), `${shard.id} receives from ${other.id}`).toBe(
          other.id === shard.id,
        );
      }
    }
  });

  it('never runs two engines during a deployment and rolls back a failed one', () => {
    template.resourcePropertiesCountIs(
      'AWS::ECS::Service',
      {
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
      },
      matchingShards.length,
    );
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

  it.each(matchingShards.map((shard) => shard.id))(
    'checks the container health of shard %s on its loopback health port',
    (shard) => {
      expect(container(shard)).toMatchObject({
        ReadonlyRootFilesystem: true,
        HealthCheck: {
          Command: [
            'CMD',
            'node',
            '-e',
            expect.stringContaining(`127.0.0.1:${matchingHealthPort}`),
          ],
        },
        LogConfiguration: { LogDriver: 'awslogs' },
      });
    },
  );

  it('passes every variable the matching config requires, and the tables it writes', () => {
    const names = Object.keys(environmentOf('btc'));
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

describe('matching stack: task roles', () => {
  it('consume their command queues', () => {
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

  it('can neither delete an item nor scan a table', () => {
    expect(taskRoleActions).not.toContain('dynamodb:DeleteItem');
    expect(taskRoleActions).not.toContain('dynamodb:Scan');
  });

  it.each(matchingShards.map((shard) => shard.id))(
    'gives the task of shard %s exactly the DynamoDB actions the engine sends, per table',
    (shard) => {
      const granted = (key: TableKey) => {
        const tableId = logicalIdOf(stacks.stateful.resources.tables[key]);
        const onTable = taskRoleOf(shard).filter((s) =>
          JSON.stringify(s.Resource).includes(tableId),
        );
        return actionsOf(onTable).sort();
      };

      expect(granted('journal')).toEqual([
        'dynamodb:BatchWriteItem',
        'dynamodb:GetItem',
        'dynamodb:PutItem',
        'dynamodb:Query',
      ]);
      expect(granted('trading')).toEqual([
        'dynamodb:BatchGetItem',
        'dynamodb:PutItem',
        'dynamodb:UpdateItem',
      ]);
      expect(granted('marketData')).toEqual([
        'dynamodb:BatchWriteItem',
        'dynamodb:GetItem',
        'dynamodb:PutItem',
      ]);
      const onTables = ['journal', 'trading', 'marketData'] as const;
      expect(actionsOf(taskRoleOf(shard)).filter((a) => a.startsWith('dynamodb:'))).toHaveLength(
        onTables.flatMap(granted).length,
      );
    },
  );
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
