import { Alarm } from 'aws-cdk-lib/aws-cloudwatch';
import type { CreateAlarmOptions, IMetric } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { Stack } from 'aws-cdk-lib';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { Topic } from 'aws-cdk-lib/aws-sns';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';

/** Props of {@link AlarmTopic}. */
export interface AlarmTopicProps {
  /** Subscribed by e-mail when given (the address must confirm the subscription). */
  readonly email?: string;
}

/**
 * The one SNS topic every alarm of the stage notifies, on entering ALARM and on returning to
 * OK, so on-call subscribes once (e-mail here; chat or paging integrations subscribe in the
 * account). Encrypted with its own rotating key: CloudWatch cannot publish to a topic under
 * the AWS-managed `aws/sns` key, whose policy does not let it use the key. The key and the
 * topic admit CloudWatch for this account's alarms only, and the topic TLS only.
 */
export class AlarmTopic extends Construct {
  readonly topic: Topic;

  constructor(scope: Construct, id: string, props: AlarmTopicProps = {}) {
    super(scope, id);
    const cloudWatch = new ServicePrincipal('cloudwatch.amazonaws.com');
    const thisAccount = { StringEquals: { 'aws:SourceAccount': Stack.of(this).account } };
    const key = new Key(this, 'Key', {
      description: 'Encrypts the alarm topic; CloudWatch may use it to publish alarms',
      enableKeyRotation: true,
    });
    key.addToResourcePolicy(
      new PolicyStatement({
        principals: [cloudWatch],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        resources: ['*'],
        conditions: thisAccount,
      }),
    );
    this.topic = new Topic(this, 'Topic', {
      displayName: 'Exchange alarms',
      masterKey: key,
      enforceSSL: true,
    });
    this.topic.addToResourcePolicy(
      new PolicyStatement({
        principals: [cloudWatch],
        actions: ['sns:Publish'],
        resources: [this.topic.topicArn],
        conditions: thisAccount,
      }),
    );
    if (props.email !== undefined) {
      this.topic.addSubscription(new EmailSubscription(props.email));
    }
  }
}

/**
 * Creates an alarm on `metric` that notifies `topic` when it fires and when it clears. Every
 * alarm of the exchange goes through here, so none can be created that pages no one.
 */
export function notifyingAlarm(
  scope: Construct,
  id: string,
  metric: IMetric,
  options: CreateAlarmOptions,
  topic: ITopic,
): Alarm {
  const alarm = new Alarm(scope, id, { ...options, metric });
  const action = new SnsAction(topic);
  alarm.addAlarmAction(action);
  alarm.addOkAction(action);
  return alarm;
}
