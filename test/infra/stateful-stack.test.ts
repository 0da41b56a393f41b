import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { groups, userPool } from '../../infra/definitions/identity';
import { keyList, keys } from '../../infra/definitions/keys';
import { commandQueues, queues } from '../../infra/definitions/queues';
import { matchingShards } from '../../shared/trading/shards';
import { tables } from '../../infra/definitions/tables';
import type { TableDefinition, TableKey } from '../../infra/definitions/tables';
import { buildExchange, logicalIdOf, templatesOf } from './support';

const { stacks } = buildExchange();
const template = templatesOf(stacks).stateful;
const stateful = stacks.stateful;
const tableCases = (Object.entries(tables) as [TableKey, TableDefinition][]).map(
  ([key, definition]) => [definition.id, key, definition] as const,
);

function tableProperties(key: TableKey): Record<string, unknown> {
  const resources = template.findResources('AWS::DynamoDB::GlobalTable');
  return resources[logicalIdOf(stateful.resources.tables[key])]?.['Properties'] ?? {};
}

describe('stateful stack: tables', () => {
  it('creates one table per definition', () => {
    template.resourceCountIs('AWS::DynamoDB::GlobalTable', tableCases.length);
  });

  it.each(tableCases)(
    'protects %s with PITR, deletion protection, retention and encryption',
    (_id, key) => {
      const resources = template.findResources('AWS::DynamoDB::GlobalTable');
      const resource = resources[logicalIdOf(stateful.resources.tables[key])];

      expect(resource?.['DeletionPolicy']).toBe('Retain');
      expect(resource?.['UpdateReplacePolicy']).toBe('Retain');
      expect(resource?.['Properties']).toMatchObject({
        BillingMode: 'PAY_PER_REQUEST',
        SSESpecification: { SSEEnabled: true, SSEType: 'KMS' },
        Replicas: [
          expect.objectContaining({
            DeletionProtectionEnabled: true,
            PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
          }),
        ],
      });
    },
  );

  it.each(tableCases)(
    'gives %s its keys, TTL attribute and GSIs with ALL projection',
    (_id, key, definition) => {
      const properties = tableProperties(key);

      expect(properties['KeySchema']).toEqual([
        { AttributeName: definition.partitionKey, KeyType: 'HASH' },
        ...(definition.sortKey === undefined
          ? []
          : [{ AttributeName: definition.sortKey, KeyType: 'RANGE' }]),
      ]);
      expect(properties['TimeToLiveSpecification']).toEqual(
        definition.ttlAttribute === undefined
          ? undefined
          : { AttributeName: definition.ttlAttribute, Enabled: true },
      );
      const indexes = (properties['GlobalSecondaryIndexes'] ?? []) as {
        IndexName: string;
        Projection: { ProjectionType: string };
      }[];
      expect(indexes.map((i) => i.IndexName)).toEqual(definition.globalIndexes.map((i) => i.name));
      expect(indexes.every((i) => i.Projection.ProjectionType === 'ALL')).toBe(true);
    },
  );
});

describe('stateful stack: queues', () => {
  it("makes each shard's command queue FIFO without content-based dedup, redriving to one FIFO DLQ", () => {
    const dlqId = logicalIdOf(stateful.resources.queues.ordersDeadLetter);

    for (const shard of matchingShards) {
      const definition = commandQueues[shard.id];
      const queue =
        template.findResources('AWS::SQS::Queue')[
          logicalIdOf(stateful.resources.commandQueues[shard.id])
        ];
      expect(queue?.['Properties'], shard.id).toMatchObject({
        FifoQueue: true,
        ContentBasedDeduplication: false,
        SqsManagedSseEnabled: true,
        MessageRetentionPeriod: definition.retentionSeconds,
        VisibilityTimeout: definition.visibilityTimeoutSeconds,
        ReceiveMessageWaitTimeSeconds: definition.receiveWaitSeconds,
        DeduplicationScope: 'messageGroup',
        FifoThroughputLimit: 'perMessageGroupId',
        RedrivePolicy: {
          deadLetterTargetArn: { 'Fn::GetAtt': [dlqId, 'Arn'] },
          maxReceiveCount: definition.deadLetter?.maxReceiveCount,
        },
      });
    }
    template.resourceCountIs('AWS::SQS::Queue', matchingShards.length + 1);
    template.hasResourceProperties('AWS::SQS::Queue', {
      FifoQueue: true,
      ContentBasedDeduplication: false,
      MessageRetentionPeriod: queues.ordersDeadLetter.retentionSeconds,
    });
  });

  it('denies non-TLS access to every queue', () => {
    template.resourcePropertiesCountIs(
      'AWS::SQS::QueuePolicy',
      {
        PolicyDocument: {
          Statement: Match.arrayWith([
            Match.objectLike({
              Effect: 'Deny',
              Condition: { Bool: { 'aws:SecureTransport': 'false' } },
            }),
          ]),
        },
      },
      matchingShards.length + 1,
    );
  });

  it('alarms as soon as one message sits in the dead-letter queue', () => {
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Dimensions: [
        {
          Name: 'QueueName',
          Value: {
            'Fn::GetAtt': [logicalIdOf(stateful.resources.queues.ordersDeadLetter), 'QueueName'],
          },
        },
      ],
      Threshold: 0,
      ComparisonOperator: 'GreaterThanThreshold',
      EvaluationPeriods: 1,
    });
  });
});

describe('stateful stack: keys', () => {
  it('rotates the symmetric vault key', () => {
    template.hasResourceProperties('AWS::KMS::Key', {
      KeySpec: 'SYMMETRIC_DEFAULT',
      KeyUsage: 'ENCRYPT_DECRYPT',
      EnableKeyRotation: true,
      Description: keys.vault.description,
    });
  });

  it('makes the audit key an ECC P-256 signing key', () => {
    template.hasResourceProperties('AWS::KMS::Key', {
      KeySpec: 'ECC_NIST_P256',
      KeyUsage: 'SIGN_VERIFY',
      Description: keys.auditSigning.description,
    });
  });

  it('rotates the symmetric MFA key that seals TOTP secrets', () => {
    template.hasResourceProperties('AWS::KMS::Key', {
      KeySpec: 'SYMMETRIC_DEFAULT',
      KeyUsage: 'ENCRYPT_DECRYPT',
      EnableKeyRotation: true,
      Description: keys.mfa.description,
    });
  });

  it('retains every key and gives each defined key a stage-suffixed alias', () => {
    const retained = template.findResources('AWS::KMS::Key', { DeletionPolicy: 'Retain' });
    const all = template.findResources('AWS::KMS::Key');

    expect(Object.keys(retained)).toEqual(Object.keys(all));
    expect(Object.keys(all)).toHaveLength(keyList.length + 1);
    for (const key of keyList) {
      template.hasResourceProperties('AWS::KMS::Alias', { AliasName: `${key.alias}-test` });
    }
  });
});

describe('stateful stack: identity', () => {
  it('signs in with verified email under the defined password policy', () => {
    const policy = userPool.passwordPolicy;

    template.hasResourceProperties('AWS::Cognito::UserPool', {
      UsernameAttributes: ['email'],
      AutoVerifiedAttributes: ['email'],
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: false },
      DeletionProtection: 'ACTIVE',
      Policies: {
        PasswordPolicy: {
          MinimumLength: policy.minLength,
          RequireLowercase: policy.requireLowercase,
          RequireUppercase: policy.requireUppercase,
          RequireNumbers: policy.requireDigits,
          RequireSymbols: policy.requireSymbols,
          TemporaryPasswordValidityDays: policy.tempPasswordValidityDays,
        },
      },
      AccountRecoverySetting: { RecoveryMechanisms: [{ Name: 'verified_email', Priority: 1 }] },
    });
  });

  it('offers optional MFA with software tokens only', () => {
    template.hasResourceProperties('AWS::Cognito::UserPool', {
      MfaConfiguration: 'OPTIONAL',
      EnabledMfas: ['SOFTWARE_TOKEN_MFA'],
    });
  });

  it('gives the app client no secret, the defined flows and revocable tokens', () => {
    const client = userPool.client;

    template.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      GenerateSecret: false,
      ExplicitAuthFlows: Match.arrayEquals([...client.authFlows]),
      EnableTokenRevocation: true,
      PreventUserExistenceErrors: 'ENABLED',
      AccessTokenValidity: client.accessTokenMinutes,
      IdTokenValidity: client.idTokenMinutes,
      RefreshTokenValidity: client.refreshTokenDays * 24 * 60,
      TokenValidityUnits: { AccessToken: 'minutes', IdToken: 'minutes', RefreshToken: 'minutes' },
    });
  });

  it('creates the four role groups', () => {
    const created = Object.values(template.findResources('AWS::Cognito::UserPoolGroup')).map(
      (g) => g['Properties'].GroupName as string,
    );

    expect(created.sort()).toEqual([...groups].sort());
  });
});
