import { Duration, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { auditCheckpointFunction } from '../definitions/route-bindings/audit';
import { ApiFunction } from '../constructs/api-function';
import { AuditTrail } from '../constructs/audit-trail';
import { repositoryRoot } from '../constructs/paths';
import type { ExchangeResources } from '../constructs/resources';

export interface AuditStackProps extends StackProps {
  readonly resources: ExchangeResources;
  readonly stage: string;
  readonly sandbox: boolean;
  /** Directory holding `package-lock.json`. @default the repository root */
  readonly projectRoot?: string;
}

/**
 * The tamper evidence around the audit table: CloudTrail into an Object Lock bucket, the
 * checkpoint bucket, and the scheduled function that signs the chain heads. Between the
 * stateful and the API stack, so the API's on-demand checkpoint route can archive too.
 */
export class AuditStack extends Stack {
  readonly trail: AuditTrail;
  readonly checkpointFunction: ApiFunction;

  constructor(scope: Construct, id: string, props: AuditStackProps) {
    super(scope, id, props);
    this.checkpointFunction = new ApiFunction(this, 'ScheduledCheckpoint', {
      entry: auditCheckpointFunction.entry,
      projectRoot: props.projectRoot ?? repositoryRoot,
      serviceName: 'audit',
      stage: props.stage,
      sandbox: props.sandbox,
      access: auditCheckpointFunction.access,
      resources: props.resources,
      description: 'Signs the heads of every audit chain with the KMS audit key',
    });
    this.trail = new AuditTrail(this, 'AuditTrail', {
      vaultTable: props.resources.tables.vault,
      auditTable: props.resources.tables.audit,
      checkpointFunction: this.checkpointFunction.function,
      checkpointEvery: Duration.minutes(auditCheckpointFunction.everyMinutes),
    });
  }
}
