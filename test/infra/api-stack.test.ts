import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { authorizerConfigSchema } from '../../functions/authorizer/config';
import { healthConfigSchema } from '../../functions/meta/config';
import { authorizer, routes } from '../../infra/definitions/routes';
import type { RouteBinding } from '../../infra/definitions/routes';
import type { ApiFunction } from '../../infra/constructs/api-function';
import {
  actionsOf,
  allStatements,
  buildExchange,
  lambdaEnvironment,
  logicalIdOf,
  statementsOfRole,
  templatesOf,
} from './support';
import type { Statement } from './support';

/** A `user` route added for the test: today's route table has only public routes. */
const privateRoute: RouteBinding = {
  method: 'GET',
  path: '/api/test/private',
  entry: 'functions/meta/health.handler.ts',
  auth: 'user',
  access: {},
};

const { stacks } = buildExchange({
  routes: [...routes, privateRoute],
  corsOrigins: ['https://app.example.com'],
});
const api = stacks.api;
const template = templatesOf(stacks).api;
const allFunctions: [string, ApiFunction][] = [
  ['Authorizer', api.authorizerFunction],
  ['TradingReconciler', api.reconciler],
  ...api.functions.entries(),
];

function fn(id: string): ApiFunction {
  const found = api.functions.get(id);
  if (found === undefined) throw new Error(`no function ${id}`);
  return found;
}

const statementsOf = (f: ApiFunction): Statement[] =>
  statementsOfRole(template, logicalIdOf(f.role));

/** Names a config schema needs from the environment (no default, not optional). */
function requiredVariables(shape: Record<string, { safeParse(v: unknown): { success: boolean } }>) {
  return Object.keys(shape).filter((name) => !shape[name]?.safeParse(undefined).success);
}

describe('api stack: functions', () => {
  it('builds one function per route binding plus the authorizer and the reconciler', () => {
    template.resourceCountIs('AWS::Lambda::Function', routes.length + 3);
  });

  it('runs the trading reconciler every minute', () => {
    template.hasResourceProperties('AWS::Events::Rule', {
      ScheduleExpression: 'rate(1 minute)',
      Targets: [
        Match.objectLike({ Arn: { 'Fn::GetAtt': [logicalIdOf(api.reconciler.function), 'Arn'] } }),
      ],
    });
  });

  it('lets only order placement, cancellation and the reconciler send to the orders queue', () => {
    const senders = allFunctions
      .filter(([, f]) => actionsOf(statementsOf(f)).includes('sqs:SendMessage'))
      .map(([name]) => name)
      .sort();
    const consumers = allFunctions.filter(([, f]) =>
      actionsOf(statementsOf(f)).some(
        (a) => a === 'sqs:ReceiveMessage' || a === 'sqs:DeleteMessage',
      ),
    );

    expect(senders).toEqual([
      'DeleteApiOrdersId',
      'PostApiAdminTradingReconcile',
      'PostApiOrders',
      'TradingReconciler',
    ]);
    expect(consumers).toEqual([]);
  });

  it.each(allFunctions)('runs %s on nodejs22.x, arm64, with tracing and fixed defaults', (_, f) => {
    const resource = template.findResources('AWS::Lambda::Function')[logicalIdOf(f.function)];

    expect(resource?.['Properties']).toMatchObject({
      Runtime: 'nodejs22.x',
      Architectures: ['arm64'],
      TracingConfig: { Mode: 'Active' },
      MemorySize: 256,
      LoggingConfig: { LogGroup: { Ref: logicalIdOf(f.logGroup) } },
      Environment: {
        Variables: {
          NODE_OPTIONS: '--enable-source-maps',
          STAGE: 'test',
          SANDBOX: 'false',
          LOG_LEVEL: 'INFO',
        },
      },
    });
  });

  it.each(allFunctions)('gives %s a log group with one month of retention', (_, f) => {
    const groups = template.findResources('AWS::Logs::LogGroup');

    expect(groups[logicalIdOf(f.logGroup)]?.['Properties'].RetentionInDays).toBe(30);
  });

  it('uses the route timeout when one is declared', () => {
    const health =
      template.findResources('AWS::Lambda::Function')[logicalIdOf(fn('GetApiHealth').function)];

    expect(health?.['Properties'].Timeout).toBe(
      routes.find((r) => r.path === '/api/health')?.timeoutSeconds,
    );
  });

  it('gives the health function every variable its config schema requires', () => {
    const env = lambdaEnvironment(template, logicalIdOf(fn('GetApiHealth').function));

    expect(Object.keys(env)).toEqual(
      expect.arrayContaining(requiredVariables(healthConfigSchema.shape)),
    );
  });

  it('gives the authorizer the pool and client ids (AWS_REGION comes from the runtime)', () => {
    const env = lambdaEnvironment(template, logicalIdOf(api.authorizerFunction.function));
    const needed = requiredVariables(authorizerConfigSchema.shape).filter(
      (n) => n !== 'AWS_REGION',
    );

    expect(Object.keys(env)).toEqual(expect.arrayContaining(needed));
  });
});

describe('api stack: least privilege', () => {
  it('lets the health function only describe and read', () => {
    const actions = actionsOf(statementsOf(fn('GetApiHealth')));
    const writes = actions.filter((a) =>
      /^(dynamodb:(Put|Update|Delete|BatchWrite)|sqs:(Send|Delete|Receive|Purge)|kms:(Decrypt|Encrypt|GenerateDataKey|Sign))/.test(
        a,
      ),
    );

    expect(actions).toEqual(
      expect.arrayContaining([
        'dynamodb:DescribeTable',
        'sqs:GetQueueAttributes',
        'kms:DescribeKey',
      ]),
    );
    expect(writes).toEqual([]);
  });

  it('lets only routes and the authorizer declaring Decrypt hold kms:Decrypt, bound to a purpose', () => {
    const statements = allStatements(template);
    const decrypt = statements.filter((s) => actionsOf([s]).includes('kms:Decrypt'));
    const declaring = [...routes, authorizer].filter((r) =>
      Object.values(r.access.keys ?? {}).some((actions) => actions.includes('Decrypt')),
    );

    expect(decrypt).toHaveLength(declaring.length);
    expect(
      decrypt.filter(
        (s) => s.Condition?.['StringEquals']?.['kms:EncryptionContext:purpose'] === undefined,
      ),
    ).toEqual([]);
    expect(actionsOf(statements).filter((a) => a.startsWith('kms:') && a.includes('*'))).toEqual(
      [],
    );
  });

  it.each(allFunctions)('grants %s no wildcard resource except X-Ray trace upload', (_, f) => {
    const wildcard = statementsOf(f).filter(
      (s) =>
        JSON.stringify(s.Resource).includes('*') &&
        !JSON.stringify(s.Resource).includes('/checkpoints/*'),
    );

    expect(actionsOf(wildcard).sort()).toEqual([
      'xray:PutTelemetryRecords',
      'xray:PutTraceSegments',
    ]);
  });

  it('lets only the on-demand checkpoint route write audit checkpoints to S3', () => {
    const archivers = allFunctions.filter(([, f]) =>
      actionsOf(statementsOf(f)).includes('s3:PutObject'),
    );

    expect(archivers.map(([name]) => name)).toEqual(['PostApiAuditCheckpoints']);
  });

  it('writes function logs only to the function’s own log group', () => {
    const health = fn('GetApiHealth');
    const logStatements = statementsOf(health).filter((s) =>
      actionsOf([s]).some((a) => a.startsWith('logs:')),
    );

    expect(logStatements.map((s) => s.Resource)).toEqual([
      { 'Fn::GetAtt': [logicalIdOf(health.logGroup), 'Arn'] },
    ]);
  });

  it('attaches no managed policy to any role', () => {
    const roles = Object.values(template.findResources('AWS::IAM::Role'));

    expect(roles.filter((r) => r['Properties'].ManagedPolicyArns !== undefined)).toEqual([]);
  });
});

describe('api stack: HTTP API', () => {
  it('runs the authorizer on user routes only', () => {
    const routeResources = Object.values(template.findResources('AWS::ApiGatewayV2::Route')).map(
      (r) => r['Properties'] as { RouteKey: string; AuthorizationType: string },
    );
    const custom = routeResources
      .filter((r) => r.AuthorizationType === 'CUSTOM')
      .map((r) => r.RouteKey);

    const none = routeResources
      .filter((r) => r.AuthorizationType === 'NONE')
      .map((r) => r.RouteKey);
    const key = (r: RouteBinding): string => `${r.method} ${r.path}`;

    expect(custom.sort()).toEqual(
      [...routes, privateRoute]
        .filter((r) => r.auth === 'user')
        .map(key)
        .sort(),
    );
    expect(none.sort()).toEqual(
      routes
        .filter((r) => r.auth === 'public')
        .map(key)
        .sort(),
    );
  });

  it('configures a REQUEST authorizer with simple responses, no cache and no identity source', () => {
    const authorizers = Object.values(template.findResources('AWS::ApiGatewayV2::Authorizer'));

    expect(authorizers).toHaveLength(1);
    expect(authorizers[0]?.['Properties']).toMatchObject({
      AuthorizerType: 'REQUEST',
      EnableSimpleResponses: true,
      AuthorizerPayloadFormatVersion: '2.0',
      AuthorizerResultTtlInSeconds: 0,
      IdentitySource: [],
    });
  });

  it('throttles the default stage above the 200 orders/s the exchange must carry, and writes access logs', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      AutoDeploy: true,
      DefaultRouteSettings: { ThrottlingRateLimit: 1000, ThrottlingBurstLimit: 2000 },
      AccessLogSettings: {
        DestinationArn: Match.anyValue(),
        Format: Match.stringLikeRegexp('requestId'),
      },
    });
  });

  it('allows exactly the configured CORS origins', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Api', {
      CorsConfiguration: Match.objectLike({ AllowOrigins: ['https://app.example.com'] }),
    });
  });

  it('outputs the API URL', () => {
    template.hasOutput('ApiUrl', { Value: Match.anyValue() });
  });
});

describe('api stack: without CORS origins', () => {
  it('configures no CORS at all', () => {
    const plain = templatesOf(buildExchange().stacks).api;

    plain.hasResourceProperties('AWS::ApiGatewayV2::Api', { CorsConfiguration: Match.absent() });
  });
});
