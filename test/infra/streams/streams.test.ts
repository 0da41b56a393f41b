import { Match, Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { describe, expect, it } from 'vitest';
import type { ApiFunction } from '../../../infra/constructs/api-function';
import { routes } from '../../../infra/definitions/routes';
import {
  actionsOf,
  buildExchange,
  lambdaEnvironment,
  logicalIdOf,
  statementsOfRole,
  templatesOf,
} from '../support';

/**
 * The whole route table puts the HTTP API stack over CloudFormation's 500 resources (seven per
 * route); until it is split, these assertions synthesize the app without the market routes.
 */
const { stacks } = buildExchange({
  routes: routes.filter((route) => !route.path.startsWith('/api/markets')),
});
const templates = templatesOf(stacks);
const streams = stacks.streams.streams;
const api = Template.fromStack(stacks.streams);
const statementsOf = (fn: ApiFunction) => statementsOfRole(api, logicalIdOf(fn.role));
const envOf = (fn: ApiFunction) => lambdaEnvironment(api, logicalIdOf(fn.function));

describe('streams: WebSocket API', () => {
  it('routes $connect, $disconnect and $default to Lambda on an auto-deployed stage', () => {
    api.resourceCountIs('AWS::ApiGatewayV2::Api', 1);
    api.hasResourceProperties('AWS::ApiGatewayV2::Api', { ProtocolType: 'WEBSOCKET' });
    for (const routeKey of ['$connect', '$disconnect', '$default']) {
      api.hasResourceProperties('AWS::ApiGatewayV2::Route', { RouteKey: routeKey });
    }
    api.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: 'live',
      AutoDeploy: true,
      DefaultRouteSettings: Match.objectLike({ ThrottlingRateLimit: 100 }),
    });
  });

  it('keeps connections in the Streams table with a TTL', () => {
    templates.stateful.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
      TimeToLiveSpecification: { AttributeName: 'expires_at', Enabled: true },
      StreamSpecification: { StreamViewType: 'NEW_AND_OLD_IMAGES' },
      GlobalSecondaryIndexes: [Match.objectLike({ IndexName: 'gsi1' })],
    });
  });

  it('feeds the processor from the Trading, MarketData and Streams table streams', () => {
    api.resourceCountIs('AWS::Lambda::EventSourceMapping', 3);
    api.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FunctionName: { Ref: logicalIdOf(streams.functions.processor.function) },
      StartingPosition: 'LATEST',
      BisectBatchOnFunctionError: true,
      BatchSize: 100,
    });
  });

  it('describes every batch it gives up on in a queue whose depth pages the alarm topic', () => {
    const [queueId] = Object.keys(api.findResources('AWS::SQS::Queue'));
    const mappings = Object.values(api.findResources('AWS::Lambda::EventSourceMapping'));

    expect(queueId).toBeDefined();
    for (const mapping of mappings) {
      expect(mapping['Properties'].DestinationConfig).toEqual({
        OnFailure: { Destination: { 'Fn::GetAtt': [queueId, 'Arn'] } },
      });
    }
    api.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [queueId, 'QueueName'] } }],
      AlarmActions: [Match.anyValue()],
    });
  });

  it('invokes the processor only for order and balance items, not the rest of Trading', () => {
    api.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FilterCriteria: {
        Filters: [
          {
            Pattern: JSON.stringify({ dynamodb: { Keys: { sk: { S: [{ prefix: 'ORDER#' }] } } } }),
          },
          {
            Pattern: JSON.stringify({
              dynamodb: { Keys: { sk: { S: [{ prefix: 'BALANCE#' }] } } },
            }),
          },
        ],
      },
    });
  });
});

describe('streams: least privilege', () => {
  const posting = (fn: ApiFunction) =>
    statementsOf(fn).some((s) => actionsOf([s]).includes('execute-api:ManageConnections'));

  it('lets only the message handler, the processor and the heartbeat post to connections', () => {
    expect(posting(streams.functions.message)).toBe(true);
    expect(posting(streams.functions.processor)).toBe(true);
    expect(posting(streams.functions.heartbeat)).toBe(true);
    expect(posting(streams.functions.connect)).toBe(false);
    expect(posting(streams.functions.disconnect)).toBe(false);
  });

  it('gives the processor the stream reads and no access to Trading data', () => {
    const actions = actionsOf(statementsOf(streams.functions.processor));

    expect(actions).toEqual(
      expect.arrayContaining(['dynamodb:GetRecords', 'dynamodb:GetShardIterator']),
    );
    const tradingName = envOf(streams.functions.processor)['TRADING_TABLE'];
    expect(tradingName).toBeDefined();
    const onTrading = statementsOf(streams.functions.processor).filter(
      (s) =>
        JSON.stringify(s.Resource).includes('Trading') &&
        !JSON.stringify(s.Resource).includes('Stream'),
    );
    expect(actionsOf(onTrading)).toEqual(['dynamodb:DescribeTable']);
  });

  it('gives $connect the Users table read the session gate needs, and no KMS', () => {
    const actions = actionsOf(statementsOf(streams.functions.connect));

    expect(actions.some((a) => a.startsWith('kms:'))).toBe(false);
    expect(envOf(streams.functions.connect)).toMatchObject({
      USERS_TABLE: expect.anything(),
      USER_POOL_CLIENT_ID: expect.anything(),
    });
  });

  it('lets the heartbeat read, never write, the Users table it re-checks sessions in', () => {
    const onUsers = statementsOf(streams.functions.heartbeat).filter((s) =>
      JSON.stringify(s.Resource).includes('Users'),
    );

    expect(envOf(streams.functions.heartbeat)).toMatchObject({ USERS_TABLE: expect.anything() });
    expect(actionsOf(onUsers)).toEqual(expect.arrayContaining(['dynamodb:BatchGetItem']));
    expect(actionsOf(onUsers).some((a) => /Put|Update|Delete|Write/.test(a))).toBe(false);
  });

  it('tells every stream function where to post', () => {
    for (const fn of Object.values(streams.functions)) {
      expect(envOf(fn)['WS_CALLBACK_URL']).toBeDefined();
    }
  });
});

describe('streams: cdk-nag', () => {
  it('has no unacknowledged AwsSolutions finding in the streams stack', () => {
    const nagged = buildExchange({
      nag: true,
      routes: routes.filter((route) => !route.path.startsWith('/api/markets')),
    });

    const report = new AwsSolutionsChecks().validateScope(nagged.stacks.streams);
    const findings = report.violations.map(
      (v) => `${v.ruleName} ${v.violatingResources.map((r) => r.constructPath).join(', ')}`,
    );

    expect(findings).toEqual([]);
  });
});
