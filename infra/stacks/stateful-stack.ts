import { CfnOutput, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import type { StackProps } from 'aws-cdk-lib';
import { ComparisonOperator, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import {
  AccountRecovery,
  CfnUserPoolGroup,
  FeaturePlan,
  Mfa,
  UserPool,
} from 'aws-cdk-lib/aws-cognito';
import type { UserPoolClient } from 'aws-cdk-lib/aws-cognito';
import {
  AttributeType,
  Billing,
  ProjectionType,
  TableEncryptionV2,
  TableV2,
} from 'aws-cdk-lib/aws-dynamodb';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import type { Attribute } from 'aws-cdk-lib/aws-dynamodb';
import { Key, KeySpec, KeyUsage } from 'aws-cdk-lib/aws-kms';
import {
  DeduplicationScope,
  FifoThroughputLimit,
  Queue,
  QueueEncryption,
} from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { userPool as userPoolDefinition } from '../definitions/identity';
import { keys } from '../definitions/keys';
import type { KeyDefinition } from '../definitions/keys';
import { commandQueues, queueList, queues } from '../definitions/queues';
import type { QueueDefinition } from '../definitions/queues';
import { tables } from '../definitions/tables';
import type { TableDefinition } from '../definitions/tables';
import { AlarmTopic, notifyingAlarm } from '../constructs/alarms';
import { acknowledge, acknowledgements } from '../constructs/nag';
import type { ExchangeResources } from '../constructs/resources';

/** Props of {@link StatefulStack}. */
export interface StatefulStackProps extends StackProps {
  /** Suffix of the KMS aliases, so two stages can share an account without colliding. */
  readonly stage: string;
  /** Sender of the platform's own mail; an SES-verified address or domain in the account. */
  readonly mailFrom: string;
  /** Subscribed to the alarm topic by e-mail when given. */
  readonly alarmEmail?: string;
}

const stringKey = (name: string): Attribute => ({ name, type: AttributeType.STRING });

function mapValues<K extends string, D, R>(
  definitions: Readonly<Record<K, D>>,
  build: (definition: D) => R,
): Record<K, R> {
  const entries = Object.entries(definitions) as [K, D][];
  return Object.fromEntries(entries.map(([k, d]) => [k, build(d)])) as Record<K, R>;
}

/**
 * Everything that holds data or identity: tables, queues, keys and the user pool, built from
 * `infra/definitions/` (the same files the local stack provisions from). Construct ids are the
 * definitions' ids and never change; nothing has a physical name, every store is retained and
 * deletion-protected. Other stacks receive {@link resources} as construct references.
 */
export class StatefulStack extends Stack {
  readonly resources: ExchangeResources;

  constructor(scope: Construct, id: string, props: StatefulStackProps) {
    super(scope, id, props);
    const alarmTopic = new AlarmTopic(
      this,
      'Alarms',
      props.alarmEmail === undefined ? {} : { email: props.alarmEmail },
    ).topic;
    const queueByDefinition = new Map<QueueDefinition, Queue>();
    for (const definition of queueList) {
      queueByDefinition.set(definition, this.queue(definition, queueByDefinition, alarmTopic));
    }
    const builtQueue = (d: QueueDefinition): Queue => {
      const queue = queueByDefinition.get(d);
      if (queue === undefined) throw new Error(`${d.id} is missing from queueList`);
      return queue;
    };
    const pool = this.userPool();
    // `as ITableV2` only bridges aws-cdk-lib's `prop?: T` declarations to our
    // exactOptionalPropertyTypes; TableV2 does implement ITableV2.
    this.resources = {
      tables: mapValues(tables, (d: TableDefinition) => this.table(d) as ITableV2),
      queues: mapValues(queues, builtQueue),
      commandQueues: mapValues(commandQueues, builtQueue),
      keys: mapValues(keys, (d: KeyDefinition) => this.key(d, props.stage)),
      userPool: pool.pool,
      userPoolClient: pool.client,
      mailFrom: props.mailFrom,
      alarmTopic,
    };
  }

  /**
   * On-demand, point-in-time recovery, deletion protection, retained. Encrypted with the
   * AWS-managed `aws/dynamodb` key rather than a customer-managed one: with a CMK every reader's
   * policy would need `kms:Decrypt` on the table key, breaking the invariant that only the
   * vault's functions hold `kms:Decrypt` (DESIGN §7). Vault secrets are additionally
   * envelope-encrypted with the vault key before they reach the table.
   */
  private table(definition: TableDefinition): TableV2 {
    return new TableV2(this, definition.id, {
      partitionKey: stringKey(definition.partitionKey),
      ...(definition.sortKey === undefined ? {} : { sortKey: stringKey(definition.sortKey) }),
      billing: Billing.onDemand(),
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
      encryption: TableEncryptionV2.awsManagedKey(),
      ...(definition.ttlAttribute === undefined
        ? {}
        : { timeToLiveAttribute: definition.ttlAttribute }),
      globalSecondaryIndexes: definition.globalIndexes.map((index) => ({
        indexName: index.name,
        partitionKey: stringKey(index.partitionKey),
        ...(index.sortKey === undefined ? {} : { sortKey: stringKey(index.sortKey) }),
        projectionType: ProjectionType.ALL,
      })),
    });
  }

  /**
   * SQS-managed encryption instead of a KMS key for the same reason as the tables: a CMK would
   * put `kms:Decrypt` on the matching service and `kms:GenerateDataKey` on every sender. A queue
   * that others redrive into gets an alarm as soon as one message lands there.
   */
  private queue(
    definition: QueueDefinition,
    built: ReadonlyMap<QueueDefinition, Queue>,
    alarmTopic: ITopic,
  ): Queue {
    const deadLetter = definition.deadLetter;
    const deadLetterQueue = deadLetter === undefined ? undefined : built.get(deadLetter.queue);
    if (deadLetter !== undefined && deadLetterQueue === undefined) {
      throw new Error(`${definition.id}: its dead-letter queue must be defined before it`);
    }
    const queue = new Queue(this, definition.id, {
      fifo: definition.fifo,
      contentBasedDeduplication: definition.contentBasedDeduplication,
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.seconds(definition.retentionSeconds),
      visibilityTimeout: Duration.seconds(definition.visibilityTimeoutSeconds),
      receiveMessageWaitTime: Duration.seconds(definition.receiveWaitSeconds),
      ...(definition.highThroughput
        ? {
            deduplicationScope: DeduplicationScope.MESSAGE_GROUP,
            fifoThroughputLimit: FifoThroughputLimit.PER_MESSAGE_GROUP_ID,
          }
        : {}),
      ...(deadLetter === undefined || deadLetterQueue === undefined
        ? {}
        : {
            deadLetterQueue: {
              queue: deadLetterQueue,
              maxReceiveCount: deadLetter.maxReceiveCount,
            },
          }),
    });
    const isDeadLetterTarget = queueList.some((q) => q.deadLetter?.queue === definition);
    if (isDeadLetterTarget) {
      notifyingAlarm(
        this,
        `${definition.id}DepthAlarm`,
        queue.metricApproximateNumberOfMessagesVisible({
          period: Duration.minutes(1),
          statistic: 'Maximum',
        }),
        {
          alarmDescription: `Commands reached ${definition.id}: the matching service gave up on them`,
          threshold: 0,
          comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
          evaluationPeriods: 1,
          treatMissingData: TreatMissingData.NOT_BREACHING,
        },
        alarmTopic,
      );
    }
    return queue;
  }

  /** Symmetric keys rotate yearly; asymmetric signing keys cannot rotate in KMS. */
  private key(definition: KeyDefinition, stage: string): Key {
    const symmetric = definition.spec === 'SYMMETRIC_DEFAULT';
    return new Key(this, definition.id, {
      description: definition.description,
      alias: `${definition.alias}-${stage}`,
      keySpec: KeySpec[definition.spec],
      keyUsage: KeyUsage[definition.usage],
      enableKeyRotation: symmetric,
      pendingWindow: Duration.days(30),
      removalPolicy: RemovalPolicy.RETAIN,
    });
  }

  /**
   * Email sign-in with verified addresses, TOTP as the only second factor, recovery by email
   * only, and a public app client (no secret: it ships inside mobile and web apps) whose refresh
   * tokens can be revoked. Roles are the Cognito groups of the definition.
   */
  private userPool(): { pool: UserPool; client: UserPoolClient } {
    const definition = userPoolDefinition;
    const policy = definition.passwordPolicy;
    const pool = new UserPool(this, definition.id, {
      selfSignUpEnabled: true,
      signInAliases: { email: definition.signInWithEmail },
      signInCaseSensitive: false,
      autoVerify: { email: true },
      standardAttributes: { email: { required: true, mutable: true } },
      passwordPolicy: {
        minLength: policy.minLength,
        requireLowercase: policy.requireLowercase,
        requireUppercase: policy.requireUppercase,
        requireDigits: policy.requireDigits,
        requireSymbols: policy.requireSymbols,
        tempPasswordValidity: Duration.days(policy.tempPasswordValidityDays),
      },
      mfa: Mfa[definition.mfa],
      mfaSecondFactor: { otp: true, sms: false },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      featurePlan: FeaturePlan.ESSENTIALS,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    acknowledge(pool, acknowledgements.passwordSymbols);
    acknowledge(pool, acknowledgements.optionalMfa);
    acknowledge(pool, acknowledgements.threatProtection);
    const flows: readonly string[] = definition.client.authFlows;
    const client = pool.addClient(definition.client.id, {
      generateSecret: false,
      disableOAuth: true,
      authFlows: {
        userPassword: flows.includes('ALLOW_USER_PASSWORD_AUTH'),
        userSrp: flows.includes('ALLOW_USER_SRP_AUTH'),
      },
      accessTokenValidity: Duration.minutes(definition.client.accessTokenMinutes),
      idTokenValidity: Duration.minutes(definition.client.idTokenMinutes),
      refreshTokenValidity: Duration.days(definition.client.refreshTokenDays),
      enableTokenRevocation: definition.client.enableTokenRevocation,
      preventUserExistenceErrors: definition.client.preventUserExistenceErrors,
    });
    for (const group of definition.groups) {
      new CfnUserPoolGroup(this, `Group-${group}`, {
        userPoolId: pool.userPoolId,
        groupName: group,
        description: `Role ${group}; carried in the cognito:groups claim`,
      });
    }
    new CfnOutput(this, 'UserPoolId', { value: pool.userPoolId });
    new CfnOutput(this, 'UserPoolClientId', { value: client.userPoolClientId });
    return { pool, client };
  }
}
