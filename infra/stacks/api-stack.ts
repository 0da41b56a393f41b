import { CfnOutput, Duration, NestedStack, Stack } from 'aws-cdk-lib';
import type { StackProps } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import {
  CorsHttpMethod,
  HttpApi,
  HttpMethod,
  HttpStage,
  LogGroupLogDestination,
} from 'aws-cdk-lib/aws-apigatewayv2';
import type { CorsPreflightOptions } from 'aws-cdk-lib/aws-apigatewayv2';
import {
  HttpLambdaAuthorizer,
  HttpLambdaResponseType,
} from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { ComparisonOperator, MathExpression, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import {
  authorizer as authorizerDefinition,
  routes as routeDefinitions,
} from '../definitions/routes';
import type { Access, RouteBinding } from '../definitions/routes';
import { notifyingAlarm } from '../constructs/alarms';
import { ApiFunction } from '../constructs/api-function';
import type { ApiFunctionProps, LogLevel } from '../constructs/api-function';
import { tradingReconciler } from '../definitions/route-bindings/trading';
import { acknowledge, acknowledgements } from '../constructs/nag';
import { repositoryRoot } from '../constructs/paths';
import type { ExchangeResources } from '../constructs/resources';
import { routeConstructId, serviceNameOf } from '../constructs/route-names';

/** Props of {@link ApiStack}. */
export interface ApiStackProps extends StackProps {
  readonly resources: ExchangeResources;
  readonly stage: string;
  /** Turns on sandbox-only routes' behaviour (the deposit faucet). */
  readonly sandbox: boolean;
  /** Browser origins allowed by CORS; none means no CORS configuration at all. */
  readonly corsOrigins: readonly string[];
  /** @default the route table of `infra/definitions/routes.ts` */
  readonly routes?: readonly RouteBinding[];
  /** @default the authorizer binding of `infra/definitions/routes.ts` */
  readonly authorizer?: { readonly entry: string; readonly access: Access };
  /** Directory the entries are relative to; holds `package-lock.json`. @default the repository */
  readonly projectRoot?: string;
  /**
   * Steady-state requests per second across the whole API: a ceiling against floods, well above
   * what the exchange must carry (200 orders/s plus the reads around them); each caller's own
   * limits are the app's rate limiter's. @default 1000
   */
  readonly rateLimit?: number;
  /** @default 2000 */
  readonly burstLimit?: number;
  /** @default 'INFO' */
  readonly logLevel?: LogLevel;
}

const corsHeaders = [
  'authorization',
  'content-type',
  'idempotency-key',
  'x-api-key',
  'x-api-timestamp',
  'x-api-signature',
  'x-api-recv-window',
  'x-api-content-sha256',
];
const exposedHeaders = [
  'x-ratelimit-limit',
  'x-ratelimit-remaining',
  'x-ratelimit-reset',
  'retry-after',
];

function corsFor(origins: readonly string[]): CorsPreflightOptions | undefined {
  if (origins.length === 0) return undefined;
  return {
    allowOrigins: [...origins],
    allowMethods: [CorsHttpMethod.ANY],
    allowHeaders: corsHeaders,
    exposeHeaders: exposedHeaders,
    maxAge: Duration.hours(1),
  };
}

/**
 * The HTTP API: one Lambda function per route binding, each with exactly its declared access.
 *
 * `user` routes run a Lambda REQUEST authorizer with simple responses, no identity source and
 * no result cache. It never denies: it verifies the Cognito JWT (later signed API keys), then
 * the session and the user's status, and labels the request with the verified identity or the
 * reason there is none. The handler answers 401 in our JSON envelope (`AUTHENTICATION_FAILED`,
 * with a request id), which API Gateway's own 401/403 cannot produce. An identity source would
 * let API Gateway answer 401 itself, before the authorizer runs, whenever the header is missing;
 * with no result cache a revoked session is refused on the very next request.
 */
export class ApiStack extends Stack {
  readonly api: HttpApi;
  readonly url: string;
  readonly authorizerFunction: ApiFunction;
  /** The scheduled trading reconciler (not an HTTP route). */
  readonly reconciler: ApiFunction;
  /** Route functions by construct id (`GET /api/health` → `GetApiHealth`). */
  readonly functions: ReadonlyMap<string, ApiFunction>;

  constructor(scope: Construct, id: string, props: ApiStackProps) {
    super(scope, id, props);
    const projectRoot = props.projectRoot ?? repositoryRoot;
    const routes = props.routes ?? routeDefinitions;
    const common = {
      projectRoot,
      stage: props.stage,
      sandbox: props.sandbox,
      resources: props.resources,
      ...(props.logLevel === undefined ? {} : { logLevel: props.logLevel }),
    };
    const cors = corsFor(props.corsOrigins);
    this.api = new HttpApi(this, 'HttpApi', {
      description: `Exchange API (${props.stage})`,
      createDefaultStage: false,
      ...(cors === undefined ? {} : { corsPreflight: cors }),
    });
    const stage = this.defaultStage(props);

    const authorizerBinding = props.authorizer ?? authorizerDefinition;
    this.authorizerFunction = new ApiFunction(this, 'Authorizer', {
      ...common,
      entry: authorizerBinding.entry,
      serviceName: serviceNameOf(authorizerBinding.entry),
      access: authorizerBinding.access,
      description: 'Labels each request with its verified identity; never denies',
    });
    const authorizer = new HttpLambdaAuthorizer(
      'UserAuthorizer',
      this.authorizerFunction.function,
      {
        responseTypes: [HttpLambdaResponseType.SIMPLE],
        identitySource: [],
        resultsCacheTtl: Duration.seconds(0),
      },
    );

    const functions = new Map<string, ApiFunction>();
    this.functions = functions;
    for (const route of routes) {
      const constructId = routeConstructId(route);
      if (functions.has(constructId)) {
        throw new Error(`duplicate route ${route.method} ${route.path}`);
      }
      const handler = new ApiFunction(this.contextStack(serviceNameOf(route.entry)), constructId, {
        ...common,
        entry: route.entry,
        serviceName: serviceNameOf(route.entry),
        access: route.access,
        description: `${route.method} ${route.path}`,
        ...(route.timeoutSeconds === undefined ? {} : { timeoutSeconds: route.timeoutSeconds }),
      });
      functions.set(constructId, handler);
      const [apiRoute] = this.api.addRoutes({
        path: route.path,
        methods: [HttpMethod[route.method]],
        integration: new HttpLambdaIntegration(`${constructId}Integration`, handler.function),
        ...(route.auth === 'user' ? { authorizer } : {}),
      });
      if (route.auth === 'public' && apiRoute !== undefined) {
        acknowledge(apiRoute, acknowledgements.publicRoute);
      }
    }
    this.reconciler = this.scheduledReconciler(common);
    this.alarms(props.resources.alarmTopic);
    this.url = stage.url;
    new CfnOutput(this, 'ApiUrl', { value: stage.url, description: 'Base URL; routes start /api' });
  }

  private readonly contexts = new Map<string, NestedStack>();

  /**
   * Over 1 % of requests answered 5xx for five minutes in a row (a 5xx is always our fault:
   * bad input is a 4xx), and the reconciler failing three runs in a row (undelivered orders
   * would keep their funds locked). Both notify the stage's alarm topic.
   */
  private alarms(topic: ITopic): void {
    const minute = Duration.minutes(1);
    const serverErrorRate = new MathExpression({
      expression: 'IF(requests > 0, 100 * errors / requests, 0)',
      usingMetrics: {
        errors: this.api.metricServerError({ period: minute, statistic: 'Sum' }),
        requests: this.api.metricCount({ period: minute, statistic: 'Sum' }),
      },
      label: '5xx %',
      period: minute,
    });
    notifyingAlarm(
      this,
      'ServerErrorsAlarm',
      serverErrorRate,
      {
        alarmDescription: 'Over 1 % of API requests failed with 5xx for five minutes',
        threshold: 1,
        comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
        evaluationPeriods: 5,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      },
      topic,
    );
    notifyingAlarm(
      this,
      'ReconcilerErrorsAlarm',
      this.reconciler.function.metricErrors({ period: minute, statistic: 'Sum' }),
      {
        alarmDescription: 'The trading reconciler failed three runs in a row',
        threshold: 0,
        comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
        evaluationPeriods: 3,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      },
      topic,
    );
  }

  /**
   * The nested stack holding a context's route functions (`orders` → `OrdersRoutes`). One
   * function per route costs seven resources (function, role, policy, log group, permission,
   * integration, route); CloudFormation allows 500 per stack, so the functions, their roles,
   * policies, log groups and invoke permissions live in one nested stack per context, and the
   * routes and integrations stay here with the API.
   */
  private contextStack(context: string): NestedStack {
    let nested = this.contexts.get(context);
    if (nested === undefined) {
      const name = context
        .split(/[^A-Za-z0-9]+/)
        .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
        .join('');
      nested = new NestedStack(this, `${name}Routes`, {
        description: `Route functions of the ${context} context`,
      });
      this.contexts.set(context, nested);
    }
    return nested;
  }

  /**
   * The trading reconciler, every minute: resends order commands whose send failed (the FIFO
   * deduplication id makes a resend safe; an expired place is refused by the engine, whose
   * settled answer returns its lock) and cancels the open orders of suspended or closed users.
   */
  private scheduledReconciler(common: Omit<ApiFunctionProps, 'entry' | 'serviceName' | 'access'>) {
    const reconciler = new ApiFunction(this, 'TradingReconciler', {
      ...common,
      entry: tradingReconciler.entry,
      serviceName: serviceNameOf(tradingReconciler.entry),
      access: tradingReconciler.access,
      timeoutSeconds: 60,
      description: 'Resends or releases undelivered order commands; applies user suspensions',
    });
    new Rule(this, 'TradingReconcilerSchedule', {
      description: 'Runs the trading reconciler',
      schedule: Schedule.rate(Duration.minutes(tradingReconciler.scheduleMinutes)),
      targets: [new LambdaFunction(reconciler.function, { retryAttempts: 0 })],
    });
    return reconciler;
  }

  /** `$default` stage with throttling and JSON access logs kept for a month. */
  private defaultStage(props: ApiStackProps): HttpStage {
    const accessLogs = new LogGroup(this, 'AccessLogs', { retention: RetentionDays.ONE_MONTH });
    return new HttpStage(this, 'DefaultStage', {
      httpApi: this.api,
      stageName: '$default',
      autoDeploy: true,
      throttle: { rateLimit: props.rateLimit ?? 1000, burstLimit: props.burstLimit ?? 2000 },
      accessLogSettings: {
        destination: new LogGroupLogDestination(accessLogs),
        format: AccessLogFormat.custom(
          JSON.stringify({
            requestId: '$context.requestId',
            ip: '$context.identity.sourceIp',
            requestTime: '$context.requestTime',
            routeKey: '$context.routeKey',
            status: '$context.status',
            responseLength: '$context.responseLength',
            latencyMs: '$context.responseLatency',
            integrationError: '$context.integrationErrorMessage',
            authorizerError: '$context.authorizer.error',
            userAgent: '$context.identity.userAgent',
          }),
        ),
      },
    });
  }
}
