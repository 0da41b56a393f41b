import { Aws, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import type { CfnTrail } from 'aws-cdk-lib/aws-cloudtrail';
import { Trail } from 'aws-cdk-lib/aws-cloudtrail';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { AccountRootPrincipal, PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import type { Function as LambdaFn } from 'aws-cdk-lib/aws-lambda';
import {
  BlockPublicAccess,
  Bucket,
  BucketEncryption,
  type CfnBucket,
  type IBucket,
  ObjectLockRetention,
  StorageClass,
} from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { acknowledge, acknowledgements } from './nag';

/**
 * Seven years: longer than the record-keeping periods an exchange answers to (5 years under
 * the EU AML directives and MiCA, 5 under the US Bank Secrecy Act, 6 under SEC 17a-4), so no
 * regulator's window can outlast the lock. Compliance mode means it cannot be shortened.
 */
export const DEFAULT_AUDIT_RETENTION = Duration.days(2557);

/** Env var that tells an audit function where to archive checkpoints. */
export const CHECKPOINT_BUCKET_ENV = 'AUDIT_CHECKPOINT_BUCKET';

/** Props of {@link AuditTrail}: the resources whose use CloudTrail must record. */
export interface AuditTrailProps {
  /** The exchange-key vault: every read and write of its items is a data event. */
  readonly vaultTable: ITableV2;
  /** The Audit table: writes to it are logged too, so a tampering write leaves its own trace. */
  readonly auditTable?: ITableV2;
  /** The scheduled checkpoint function (`functions/audit/scheduled-checkpoint.handler.ts`). */
  readonly checkpointFunction: LambdaFn;
  /** Object Lock retention in compliance mode. @default seven years */
  readonly retention?: Duration;
  /** How often the chain heads are signed. @default 10 minutes */
  readonly checkpointEvery?: Duration;
}

/**
 * `Bucket` declares `isWebsite?: boolean` while `IBucket` requires it, which only
 * `exactOptionalPropertyTypes` notices; the object is the same either way.
 */
const asIBucket = (bucket: Bucket): IBucket => bucket as unknown as IBucket;

/**
 * The AWS-API half of the audit trail, beside the application's hash chain:
 *
 * - a multi-region CloudTrail trail with log-file validation (signed hourly digests), logging
 *   every management event, read and write, which includes each use of the KMS keys (KMS
 *   reports Decrypt, GenerateDataKey and Sign as management events and has no data events);
 *   plus data events for the vault table and writes to the Audit table;
 * - its logs in an S3 bucket with Object Lock in compliance mode, SSE-KMS with a rotating key
 *   of its own, all public access blocked and TLS enforced;
 * - the checkpoint bucket, locked the same way, where signed checkpoints are written once;
 * - an EventBridge schedule that runs the checkpoint function.
 */
export class AuditTrail extends Construct {
  readonly trail: Trail;
  readonly trailBucket: Bucket;
  readonly checkpointBucket: Bucket;
  readonly trailKey: Key;
  readonly schedule: Rule;

  constructor(scope: Construct, id: string, props: AuditTrailProps) {
    super(scope, id);
    const retention = props.retention ?? DEFAULT_AUDIT_RETENTION;
    const accessLogs = new Bucket(this, 'AccessLogs', {
      encryption: BucketEncryption.S3_MANAGED,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      versioned: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    acknowledge(accessLogs, acknowledgements.accessLogBucket);

    this.trailKey = new Key(this, 'TrailKey', {
      description: 'Encrypts CloudTrail log files of the exchange',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.allowCloudTrail(this.trailKey);

    this.trailBucket = this.lockedBucket('TrailLogs', retention, accessLogs, this.trailKey);
    this.checkpointBucket = this.lockedBucket('Checkpoints', retention, accessLogs);

    this.trail = new Trail(this, 'Trail', {
      bucket: asIBucket(this.trailBucket),
      encryptionKey: this.trailKey,
      enableFileValidation: true,
      isMultiRegionTrail: true,
      includeGlobalServiceEvents: true,
    });
    const cfnTrail = this.trail.node.defaultChild as CfnTrail;
    cfnTrail.advancedEventSelectors = this.selectors(props);
    cfnTrail.addPropertyDeletionOverride('EventSelectors');

    this.grantCheckpointArchive(props.checkpointFunction);
    this.schedule = new Rule(this, 'CheckpointSchedule', {
      description: 'Signs the heads of all audit chains',
      schedule: Schedule.rate(props.checkpointEvery ?? Duration.minutes(10)),
      targets: [
        new LambdaFunction(props.checkpointFunction, {
          retryAttempts: 2,
          maxEventAge: Duration.hours(1),
        }),
      ],
    });
  }

  /**
   * Lets a function archive checkpoints: `s3:PutObject` under `checkpoints/` and nothing else
   * (no read, no delete, no retention change), and the env var naming the bucket. A function in
   * another stack reaches the bucket through an explicitly named export, so the cdk-nag finding
   * for the object wildcard has a stable id to acknowledge.
   */
  grantCheckpointArchive(fn: LambdaFn): void {
    const home = Stack.of(this);
    const local = Stack.of(fn) === home;
    const exportName = `${home.stackName}-CheckpointBucketArn`;
    const bucketArn = local
      ? this.checkpointBucket.bucketArn
      : home.exportValue(this.checkpointBucket.bucketArn, { name: exportName });
    fn.addToRolePolicy(
      new PolicyStatement({ actions: ['s3:PutObject'], resources: [`${bucketArn}/checkpoints/*`] }),
    );
    fn.addEnvironment(CHECKPOINT_BUCKET_ENV, this.checkpointBucket.bucketName);
    const logicalId = home.resolve(
      (this.checkpointBucket.node.defaultChild as CfnBucket).logicalId,
    );
    const resource = local ? `<${String(logicalId)}.Arn>` : exportName;
    if (fn.role !== undefined) {
      acknowledge(fn.role, {
        id: `${acknowledgements.checkpointObjects.id}[Resource::${resource}/checkpoints/*]`,
        reason: acknowledgements.checkpointObjects.reason,
      });
    }
  }

  private lockedBucket(id: string, retention: Duration, logs: Bucket, key?: Key): Bucket {
    return new Bucket(this, id, {
      objectLockEnabled: true,
      objectLockDefaultRetention: ObjectLockRetention.compliance(retention),
      versioned: true,
      ...(key === undefined
        ? { encryption: BucketEncryption.S3_MANAGED }
        : { encryption: BucketEncryption.KMS, encryptionKey: key, bucketKeyEnabled: true }),
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      serverAccessLogsBucket: asIBucket(logs),
      serverAccessLogsPrefix: `${id.toLowerCase()}/`,
      removalPolicy: RemovalPolicy.RETAIN,
      lifecycleRules: [
        {
          transitions: [
            {
              storageClass: StorageClass.GLACIER_INSTANT_RETRIEVAL,
              transitionAfter: Duration.days(90),
            },
          ],
        },
      ],
    });
  }

  /**
   * CloudTrail may encrypt with the key for trails of this account only; principals of the
   * account may decrypt log files (still subject to their own IAM policies).
   */
  private allowCloudTrail(key: Key): void {
    const cloudtrail = new ServicePrincipal('cloudtrail.amazonaws.com');
    const trailArns = `arn:${Aws.PARTITION}:cloudtrail:*:${Aws.ACCOUNT_ID}:trail/*`;
    key.addToResourcePolicy(
      new PolicyStatement({
        sid: 'CloudTrailEncryptsLogs',
        principals: [cloudtrail],
        actions: ['kms:GenerateDataKey*'],
        resources: ['*'],
        conditions: {
          StringLike: { 'kms:EncryptionContext:aws:cloudtrail:arn': trailArns },
          StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID },
        },
      }),
    );
    key.addToResourcePolicy(
      new PolicyStatement({
        sid: 'CloudTrailDescribesKey',
        principals: [cloudtrail],
        actions: ['kms:DescribeKey'],
        resources: ['*'],
      }),
    );
    key.addToResourcePolicy(
      new PolicyStatement({
        sid: 'AccountReadsLogs',
        principals: [new AccountRootPrincipal()],
        actions: ['kms:Decrypt', 'kms:ReEncryptFrom'],
        resources: ['*'],
        conditions: {
          StringEquals: { 'kms:CallerAccount': Aws.ACCOUNT_ID },
          StringLike: { 'kms:EncryptionContext:aws:cloudtrail:arn': trailArns },
        },
      }),
    );
  }

  private selectors(props: AuditTrailProps): CfnTrail.AdvancedEventSelectorProperty[] {
    const data = (name: string, table: ITableV2, writesOnly: boolean) => ({
      name,
      fieldSelectors: [
        { field: 'eventCategory', equalTo: ['Data'] },
        { field: 'resources.type', equalTo: ['AWS::DynamoDB::Table'] },
        { field: 'resources.ARN', equalTo: [table.tableArn] },
        ...(writesOnly ? [{ field: 'readOnly', equalTo: ['false'] }] : []),
      ],
    });
    return [
      {
        name: 'All management events, KMS key use included',
        fieldSelectors: [{ field: 'eventCategory', equalTo: ['Management'] }],
      },
      data('Vault table reads and writes', props.vaultTable, false),
      ...(props.auditTable === undefined
        ? []
        : [data('Audit table writes', props.auditTable, true)]),
    ];
  }
}
