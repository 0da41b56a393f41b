import type { CfnElement } from 'aws-cdk-lib';
import { CfnOutput, Duration, Stack } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import { LogGroupLogDestination, WebSocketApi, WebSocketStage } from 'aws-cdk-lib/aws-apigatewayv2';
import { WebSocketLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { CfnGlobalTable, ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { ComparisonOperator, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import {
  EventSourceMapping,
  FilterCriteria,
  FilterRule,
  StartingPosition,
} from 'aws-cdk-lib/aws-lambda';
import { SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { Access } from '../definitions/routes';
import type { TableKey } from '../definitions/tables';
import { notifyingAlarm } from './alarms';
import { ApiFunction, type ApiFunctionProps } from './api-function';
import { acknowledge, acknowledgements } from './nag';
import { serviceNameOf } from './route-names';

/** The WebSocket functions and what each may touch (the Management API is granted apart). */
export const streamFunctions = {
  connect: {
    entry: 'functions/streams/connect.handler.ts',
    access: { tables: { streams: 'readwrite', users: 'read' }, userPool: [] },
  },
  disconnect: {
    entry: 'functions/streams/disconnect.handler.ts',
    access: { tables: { streams: 'readwrite' } },
  },
  message: {
    entry: 'functions/streams/default.handler.ts',
    access: { tables: { streams: 'readwrite' } },
  },
  processor: {
    entry: 'functions/streams/stream-processor.handler.ts',
    access: { tables: { streams: 'readwrite', marketData: 'read', trading: 'describe' } },
  },
  heartbeat: {
    entry: 'functions/streams/heartbeat.handler.ts',
    access: { tables: { streams: 'readwrite', users: 'read' } },
  },
} as const satisfies Record<string, { entry: string; access: Access }>;

/** The tables whose changes the processor fans out. */
export const streamedTables: readonly TableKey[] = ['trading', 'marketData', 'streams'];

const keyPrefixes = (name: 'pk' | 'sk', prefixes: readonly string[]) =>
  prefixes.map((prefix) => ({
    dynamodb: { Keys: { [name]: { S: FilterRule.beginsWith(prefix) } } },
  }));

/**
 * Event filters per table, so the processor is invoked only for records it uses: order and
 * balance items; diffs, trades and candles; new connection records (not its own event log).
 */
const streamFilters: Readonly<Record<string, readonly Record<string, unknown>[]>> = {
  trading: keyPrefixes('sk', ['ORDER#', 'BALANCE#']),
  marketData: keyPrefixes('pk', ['DIFF#', 'TRADES#', 'CANDLE#']),
  streams: [
    { eventName: FilterRule.isEqual('INSERT'), dynamodb: { Keys: { sk: { S: ['META'] } } } },
  ],
};

export type StreamsProps = Omit<ApiFunctionProps, 'entry' | 'serviceName' | 'access'>;

/**
 * Turns on a table's DynamoDB stream (new and old images) and answers its ARN. The tables are
 * built in the stateful stack from `infra/definitions/tables.ts`, which has no stream setting
 * yet; this sets it on their CloudFormation resource, so the change shows in that stack's
 * template and the ARN crosses stacks as an export.
 */
export function enableStream(table: ITableV2): string {
  const resource = table.node.defaultChild as CfnGlobalTable;
  resource.streamSpecification = { streamViewType: 'NEW_AND_OLD_IMAGES' };
  return resource.attrStreamArn;
}

/**
 * The WebSocket API (README, market data): `$connect`, `$disconnect` and `$default` Lambda
 * routes on one stage; a stream processor fed by the Trading, MarketData and Streams tables'
 * DynamoDB streams that posts through the stage's Management API; a heartbeat every minute.
 * Only the processor, the message handler and the heartbeat may post, and only to this stage.
 */
export class WebSocketStreams extends Construct {
  readonly api: WebSocketApi;
  readonly stage: WebSocketStage;
  readonly functions: Readonly<Record<keyof typeof streamFunctions, ApiFunction>>;

  constructor(scope: Construct, id: string, props: StreamsProps) {
    super(scope, id);
    const build = (name: keyof typeof streamFunctions, timeoutSeconds: number) =>
      new ApiFunction(this, name.charAt(0).toUpperCase() + name.slice(1), {
        ...props,
        entry: streamFunctions[name].entry,
        serviceName: serviceNameOf(streamFunctions[name].entry),
        access: streamFunctions[name].access,
        timeoutSeconds,
        description: `WebSocket ${name}`,
      });
    const functions = {
      connect: build('connect', 10),
      disconnect: build('disconnect', 10),
      message: build('message', 29),
      processor: build('processor', 60),
      heartbeat: build('heartbeat', 50),
    };
    this.functions = functions;
    this.api = new WebSocketApi(this, 'Api', {
      description: `Exchange streams (${props.stage})`,
      connectRouteOptions: {
        integration: new WebSocketLambdaIntegration(
          'ConnectIntegration',
          functions.connect.function,
        ),
      },
      disconnectRouteOptions: {
        integration: new WebSocketLambdaIntegration(
          'DisconnectIntegration',
          functions.disconnect.function,
        ),
      },
      defaultRouteOptions: {
        integration: new WebSocketLambdaIntegration(
          'MessageIntegration',
          functions.message.function,
        ),
      },
    });
    for (const route of ['$connect', '$disconnect', '$default']) {
      const child = this.api.node.tryFindChild(`${route}-Route`);
      if (child !== undefined) acknowledge(child, acknowledgements.openWebSocketConnect);
    }
    this.stage = new WebSocketStage(this, 'Stage', {
      webSocketApi: this.api,
      stageName: 'live',
      autoDeploy: true,
      throttle: { rateLimit: 100, burstLimit: 200 },
      accessLogSettings: {
        destination: new LogGroupLogDestination(
          new LogGroup(this, 'AccessLogs', { retention: RetentionDays.ONE_MONTH }),
        ),
        format: AccessLogFormat.custom(
          JSON.stringify({
            requestId: '$context.requestId',
            ip: '$context.identity.sourceIp',
            routeKey: '$context.routeKey',
            eventType: '$context.eventType',
            connectionId: '$context.connectionId',
            status: '$context.status',
            integrationError: '$context.integrationErrorMessage',
          }),
        ),
      },
    });
    const apiLogicalId = Stack.of(this).resolve(
      (this.api.node.defaultChild as CfnElement).logicalId,
    ) as string;
    const connections = `arn:<AWS::Partition>:execute-api:<AWS::Region>:<AWS::AccountId>:<${apiLogicalId}>/${this.stage.stageName}/*/@connections/*`;
    for (const poster of [functions.message, functions.processor, functions.heartbeat]) {
      this.stage.grantManagementApiAccess(poster.function);
      acknowledge(poster.role, {
        id: `${acknowledgements.webSocketConnectionsWildcard.id}[Resource::${connections}]`,
        reason: acknowledgements.webSocketConnectionsWildcard.reason,
      });
    }
    for (const fn of Object.values(functions)) {
      fn.function.addEnvironment('WS_CALLBACK_URL', this.stage.callbackUrl);
    }
    this.feedProcessor(functions.processor, props);
    new Rule(this, 'HeartbeatSchedule', {
      description: 'Heartbeats to every WebSocket connection',
      schedule: Schedule.rate(Duration.minutes(1)),
      targets: [new LambdaFunction(functions.heartbeat.function, { retryAttempts: 0 })],
    });
    new CfnOutput(this, 'WebSocketUrl', { value: this.stage.url });
  }

  /**
   * One event source mapping per streamed table: batches of up to 100 records as soon as they
   * arrive (no batching window, so latency is the stream's own, typically well under a second),
   * split in halves on failure, retried, and given up only after a day (the stream's retention).
   * A batch given up is described in the `StreamFailures` queue (shard and sequence range, to
   * replay from the table) and pages the alarm topic: nothing is dropped silently.
   */
  private feedProcessor(processor: ApiFunction, props: StreamsProps): void {
    const failures = new Queue(this, 'StreamFailures', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    acknowledge(failures, acknowledgements.failureDestinationQueue);
    notifyingAlarm(
      this,
      'StreamFailuresAlarm',
      failures.metricApproximateNumberOfMessagesVisible({
        period: Duration.minutes(1),
        statistic: 'Maximum',
      }),
      {
        alarmDescription: 'A stream batch was given up: WebSocket clients missed those updates',
        threshold: 0,
        comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
        evaluationPeriods: 1,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      },
      props.resources.alarmTopic,
    );
    for (const key of streamedTables) {
      const streamArn = enableStream(props.resources.tables[key]);
      processor.role.addToPrincipalPolicy(
        new PolicyStatement({
          actions: ['dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator'],
          resources: [streamArn],
        }),
      );
      new EventSourceMapping(this, `${key}Stream`, {
        target: processor.function,
        eventSourceArn: streamArn,
        startingPosition: StartingPosition.LATEST,
        batchSize: 100,
        bisectBatchOnError: true,
        retryAttempts: 100,
        maxRecordAge: Duration.days(1),
        parallelizationFactor: 1,
        onFailure: new SqsDlq(failures),
        filters: (streamFilters[key] ?? []).map((filter) => FilterCriteria.filter(filter)),
      });
    }
    processor.role.addToPrincipalPolicy(
      new PolicyStatement({ actions: ['dynamodb:ListStreams'], resources: ['*'] }),
    );
  }
}
