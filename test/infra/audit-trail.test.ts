import { App, Duration, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { AttributeType, TableV2, type ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { Code, Function as LambdaFn, Runtime } from 'aws-cdk-lib/aws-lambda';
import { AwsSolutionsChecks } from 'cdk-nag';
import { describe, expect, it } from 'vitest';
import { AuditTrail, CHECKPOINT_BUCKET_ENV } from '../../infra/constructs/audit-trail';
import { auditRoutes } from '../../infra/definitions/route-bindings/audit';
import { actionsOf, logicalIdOf, statementsOfRole } from './support';

const app = new App();
const stack = new Stack(app, 'AuditTrailTest');
const table = (id: string) =>
  new TableV2(stack, id, {
    partitionKey: { name: 'pk', type: AttributeType.STRING },
  }) as ITableV2;
const vault = table('Vault');
const auditTable = table('Audit');
const checkpointFunction = new LambdaFn(stack, 'Checkpoint', {
  runtime: Runtime.NODEJS_22_X,
  handler: 'index.handler',
  code: Code.fromInline('export const handler = async () => ({});'),
});
const trail = new AuditTrail(stack, 'AuditTrail', {
  vaultTable: vault,
  auditTable,
  checkpointFunction,
  retention: Duration.days(2557),
});
const template = Template.fromStack(stack);

const bucketProps = (bucket: AuditTrail['trailBucket']) =>
  template.findResources('AWS::S3::Bucket')[logicalIdOf(bucket)]?.['Properties'];

describe('AuditTrail construct', () => {
  it('validates log files, covers all regions and encrypts with its own KMS key', () => {
    template.hasResourceProperties('AWS::CloudTrail::Trail', {
      IsLogging: true,
      EnableLogFileValidation: true,
      IsMultiRegionTrail: true,
      IncludeGlobalServiceEvents: true,
      KMSKeyId: { 'Fn::GetAtt': [logicalIdOf(trail.trailKey), 'Arn'] },
      S3BucketName: { Ref: logicalIdOf(trail.trailBucket) },
    });
    template.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true });
  });

  it('logs every management event, KMS included, and the vault table’s data events', () => {
    const [resource] = Object.values(template.findResources('AWS::CloudTrail::Trail'));
    const selectors = resource?.['Properties'].AdvancedEventSelectors as {
      FieldSelectors: { Field: string; Equals: string[] }[];
    }[];
    const fields = selectors.map((s) =>
      Object.fromEntries(s.FieldSelectors.map((f) => [f.Field, f.Equals])),
    );

    expect(fields[0]).toEqual({ eventCategory: ['Management'] });
    expect(fields[1]).toEqual({
      eventCategory: ['Data'],
      'resources.type': ['AWS::DynamoDB::Table'],
      'resources.ARN': [{ 'Fn::GetAtt': [logicalIdOf(vault), 'Arn'] }],
    });
    expect(fields[2]).toMatchObject({ readOnly: ['false'] });
    expect(resource?.['Properties'].EventSelectors).toBeUndefined();
  });

  it.each([
    ['trail logs', trail.trailBucket],
    ['checkpoints', trail.checkpointBucket],
  ])(
    'locks the %s bucket in compliance mode for seven years, private and versioned',
    (_n, bucket) => {
      expect(bucketProps(bucket)).toMatchObject({
        ObjectLockEnabled: true,
        ObjectLockConfiguration: {
          ObjectLockEnabled: 'Enabled',
          Rule: { DefaultRetention: { Mode: 'COMPLIANCE', Days: 2557 } },
        },
        VersioningConfiguration: { Status: 'Enabled' },
        PublicAccessBlockConfiguration: {
          BlockPublicAcls: true,
          BlockPublicPolicy: true,
          IgnorePublicAcls: true,
          RestrictPublicBuckets: true,
        },
        LoggingConfiguration: expect.any(Object),
      });
      const deletion =
        template.findResources('AWS::S3::Bucket')[logicalIdOf(bucket)]?.['DeletionPolicy'];
      expect(deletion).toBe('Retain');
    },
  );

  it('encrypts trail logs with the trail key and refuses plain HTTP on every bucket', () => {
    expect(bucketProps(trail.trailBucket).BucketEncryption).toEqual({
      ServerSideEncryptionConfiguration: [
        {
          BucketKeyEnabled: true,
          ServerSideEncryptionByDefault: {
            SSEAlgorithm: 'aws:kms',
            KMSMasterKeyID: { 'Fn::GetAtt': [logicalIdOf(trail.trailKey), 'Arn'] },
          },
        },
      ],
    });
    const policies = Object.values(template.findResources('AWS::S3::BucketPolicy'));
    expect(policies).toHaveLength(3);
    for (const policy of policies) {
      expect(policy['Properties'].PolicyDocument.Statement).toContainEqual(
        expect.objectContaining({
          Effect: 'Deny',
          Condition: { Bool: { 'aws:SecureTransport': 'false' } },
        }),
      );
    }
  });

  it('runs the checkpoint function on a schedule', () => {
    template.hasResourceProperties('AWS::Events::Rule', {
      ScheduleExpression: 'rate(10 minutes)',
      State: 'ENABLED',
      Targets: [
        Match.objectLike({ Arn: { 'Fn::GetAtt': [logicalIdOf(checkpointFunction), 'Arn'] } }),
      ],
    });
  });

  it('lets the checkpoint function only put objects under checkpoints/', () => {
    const roleId = logicalIdOf(checkpointFunction.role!);
    const statements = statementsOfRole(template, roleId);
    const fn = template.findResources('AWS::Lambda::Function')[logicalIdOf(checkpointFunction)];

    expect(actionsOf(statements)).toEqual(['s3:PutObject']);
    expect(JSON.stringify(statements[0]?.Resource)).toContain('/checkpoints/*');
    expect(fn?.['Properties'].Environment.Variables[CHECKPOINT_BUCKET_ENV]).toEqual({
      Ref: logicalIdOf(trail.checkpointBucket),
    });
  });
});

describe('AuditTrail under cdk-nag', () => {
  it('raises no AwsSolutions finding inside the construct', () => {
    const report = new AwsSolutionsChecks().validateScope(stack);

    const findings = report.violations.flatMap((v) =>
      v.violatingResources
        .filter((r) => r.constructPath?.startsWith('AuditTrailTest/AuditTrail/'))
        .map((r) => `${v.ruleName} ${r.constructPath}`),
    );
    expect(findings).toEqual([]);
  });
});

describe('audit route bindings', () => {
  it('give no audit route a way to change or delete audit records', () => {
    const writes = auditRoutes.filter((r) => r.method !== 'GET');

    expect(writes.map((r) => `${r.method} ${r.path}`)).toEqual(['POST /api/audit/checkpoints']);
    for (const route of auditRoutes) {
      expect(['read', 'readappend']).toContain(route.access.tables?.audit);
      expect(Object.keys(route.access.tables ?? {})).toEqual(['audit']);
    }
  });
});
