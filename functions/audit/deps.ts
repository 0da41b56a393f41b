import { S3Client } from '@aws-sdk/client-s3';
import type { AuditLog } from '../../shared/audit/audit-log';
import { createAuditLog } from '../../shared/audit/create-audit-log';
import { createAwsClients, type AwsClients } from '../../shared/aws/clients';
import { loadConfig } from '../../shared/config/load-config';
import { createLogger, type Logger } from '../../shared/logging/logger';
import { S3CheckpointArchive, noArchive } from './aws-s3-checkpoint-archive';
import { auditConfigSchema, auditReadConfigSchema } from './config';
import { DynamoAuditReader } from './dynamo-audit-reader';
import { DynamoCheckpointStore } from './dynamo-checkpoint-store';
import { KmsCheckpointSigner } from './kms-checkpoint-signer';
import type { ReadDeps } from './read-events';
import type {
  AuditReader,
  CheckpointArchive,
  CheckpointSigner,
  CheckpointStore,
  Clock,
} from './ports';

/** Everything the audit context's use cases need. */
export interface AuditDeps {
  readonly reader: AuditReader;
  readonly store: CheckpointStore;
  readonly signer: CheckpointSigner;
  readonly archive: CheckpointArchive;
  readonly audit: AuditLog;
  readonly clock: Clock;
  readonly budget: number;
  readonly logger: Logger;
}

export const systemClock: Clock = { now: () => new Date() };

/**
 * Composition root of the audit functions, run once per cold start. The S3 archive exists only
 * where `AUDIT_CHECKPOINT_BUCKET` is set (in AWS); locally the table holds the only copy.
 */
export function buildAuditDeps(env: Record<string, string | undefined> = process.env): AuditDeps {
  const config = loadConfig(auditConfigSchema, env);
  const clients = createAwsClients();
  const bucket = config.AUDIT_CHECKPOINT_BUCKET;
  return {
    ...buildAuditReadDeps(env, clients),
    store: new DynamoCheckpointStore(clients.documents, config.AUDIT_TABLE),
    signer: new KmsCheckpointSigner(clients.kms, config.AUDIT_SIGNING_KEY_ID),
    archive: bucket === undefined ? noArchive : new S3CheckpointArchive(new S3Client({}), bucket),
    clock: systemClock,
    budget: config.AUDIT_VERIFY_BUDGET,
  };
}

/**
 * Composition root of the event reads (list, get), which are granted the Audit table only: they
 * must start without the signing key's id, which their functions are not given. The full root
 * builds on it.
 */
export function buildAuditReadDeps(
  env: Record<string, string | undefined> = process.env,
  clients: AwsClients = createAwsClients(),
): ReadDeps & { readonly logger: Logger } {
  const config = loadConfig(auditReadConfigSchema, env);
  return {
    reader: new DynamoAuditReader(clients.documents, config.AUDIT_TABLE),
    audit: createAuditLog(clients, env),
    logger: createLogger('audit'),
  };
}
