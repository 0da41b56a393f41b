import { Match, Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { matchingShards } from '../../shared/trading/shards';
import { buildExchange, logicalIdOf, templatesOf } from './support';

const { stacks } = buildExchange();
const templates = templatesOf(stacks);
const topicId = logicalIdOf(stacks.stateful.resources.alarmTopic);

const alarmsOf = (template: Template) =>
  Object.entries(template.findResources('AWS::CloudWatch::Alarm')).map(([id, alarm]) => ({
    id,
    props: alarm['Properties'] as Record<string, unknown>,
  }));

const allAlarms = Object.entries(templates).flatMap(([stack, template]) =>
  alarmsOf(template).map((alarm) => ({ stack, ...alarm })),
);

describe('alarms: every alarm pages someone', () => {
  it('exists in every stack that watches something', () => {
    const stacksWithAlarms = new Set(allAlarms.map((alarm) => alarm.stack));

    expect([...stacksWithAlarms].sort()).toEqual(['api', 'matching', 'stateful']);
  });

  it('notifies the one alarm topic on ALARM and on OK, from every stack', () => {
    for (const alarm of allAlarms) {
      const actions = [alarm.props['AlarmActions'], alarm.props['OKActions']];
      for (const list of actions) {
        expect(list, `${alarm.stack}/${alarm.id}`).toHaveLength(1);
        const target = JSON.stringify((list as unknown[])[0]);
        expect(target, `${alarm.stack}/${alarm.id}`).toContain(topicId);
      }
    }
  });

  it('watches the dead-letter queue exactly once', () => {
    const deadLetterId = logicalIdOf(stacks.stateful.resources.queues.ordersDeadLetter);
    const onDeadLetter = allAlarms.filter((alarm) =>
      JSON.stringify(alarm.props['Dimensions'] ?? []).includes(deadLetterId),
    );

    expect(onDeadLetter.map((alarm) => alarm.stack)).toEqual(['stateful']);
  });
});

describe('alarms: the topic', () => {
  const stateful = templates.stateful;

  it('is encrypted with its own rotating key that CloudWatch of this account may use', () => {
    const topic = stateful.findResources('AWS::SNS::Topic')[topicId];
    const keyRef = topic?.['Properties'].KmsMasterKeyId as { 'Fn::GetAtt': [string, string] };
    const keyId = keyRef['Fn::GetAtt'][0];

    stateful.hasResource('AWS::KMS::Key', {
      Properties: Match.objectLike({
        EnableKeyRotation: true,
        KeyPolicy: {
          Statement: Match.arrayWith([
            Match.objectLike({
              Principal: { Service: 'cloudwatch.amazonaws.com' },
              Action: ['kms:Decrypt', 'kms:GenerateDataKey*'],
              Condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } },
            }),
          ]),
        },
      }),
    });
    expect(Object.keys(stateful.findResources('AWS::KMS::Key'))).toContain(keyId);
  });

  it('accepts publishes from CloudWatch of this account over TLS only', () => {
    stateful.hasResourceProperties('AWS::SNS::TopicPolicy', {
      Topics: [{ Ref: topicId }],
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Effect: 'Deny',
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          }),
          Match.objectLike({
            Effect: 'Allow',
            Principal: { Service: 'cloudwatch.amazonaws.com' },
            Action: 'sns:Publish',
            Condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } },
          }),
        ]),
      },
    });
  });

  it('has no subscription unless an on-call address is given, then e-mails it', () => {
    const withEmail = buildExchange({ alarmEmail: 'oncall@example.com' }).stacks.stateful;

    templates.stateful.resourceCountIs('AWS::SNS::Subscription', 0);
    Template.fromStack(withEmail).hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      Endpoint: 'oncall@example.com',
    });
  });
});

describe('alarms: the API', () => {
  it('fires when over 1 % of requests fail with 5xx for five minutes', () => {
    templates.api.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Threshold: 1,
      EvaluationPeriods: 5,
      Metrics: Match.arrayWith([
        Match.objectLike({ Expression: 'IF(requests > 0, 100 * errors / requests, 0)' }),
        Match.objectLike({
          Id: 'errors',
          MetricStat: Match.objectLike({ Metric: Match.objectLike({ MetricName: '5xx' }) }),
        }),
      ]),
    });
  });

  it('fires when the trading reconciler fails three runs in a row', () => {
    templates.api.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'Errors',
      Namespace: 'AWS/Lambda',
      Dimensions: [
        { Name: 'FunctionName', Value: { Ref: logicalIdOf(stacks.api.reconciler.function) } },
      ],
      Threshold: 0,
      EvaluationPeriods: 3,
    });
  });
});

/** The dimensions the matching service's metrics carry (service and shard). */
const shardDimensions = (shard: string) =>
  Match.arrayEquals([
    { Name: 'service', Value: 'matching' },
    { Name: 'shard', Value: shard },
  ]);

describe('alarms: the matching shards', () => {
  it.each(matchingShards.map((shard) => shard.id))(
    "alarms when shard %s's orders wait for its engine longer than a minute",
    (shard) => {
      const queueId = logicalIdOf(stacks.stateful.resources.commandQueues[shard]);
      const alarms = Object.values(
        templates.matching.findResources('AWS::CloudWatch::Alarm', {
          Properties: {
            MetricName: 'ApproximateAgeOfOldestMessage',
            Namespace: 'AWS/SQS',
            Threshold: 60,
            ComparisonOperator: 'GreaterThanThreshold',
          },
        }),
      );

      expect(alarms.filter((a) => JSON.stringify(a).includes(queueId))).toHaveLength(1);
    },
  );

  it.each(matchingShards.map((shard) => shard.id))(
    'alarms when settlement of shard %s lags the journal by more than 30 s for three minutes',
    (shard) => {
      templates.matching.hasResourceProperties('AWS::CloudWatch::Alarm', {
        MetricName: 'SettlementLag',
        Namespace: 'Exchange',
        Dimensions: shardDimensions(shard),
        Threshold: 30_000,
        EvaluationPeriods: 3,
      });
    },
  );

  it.each(matchingShards.map((shard) => shard.id))(
    'alarms on the first engine exception of shard %s',
    (shard) => {
      templates.matching.hasResourceProperties('AWS::CloudWatch::Alarm', {
        MetricName: 'ApplyFailures',
        Namespace: 'Exchange',
        Dimensions: shardDimensions(shard),
        Statistic: 'Sum',
        Threshold: 0,
        ComparisonOperator: 'GreaterThanThreshold',
        EvaluationPeriods: 1,
      });
    },
  );
});
