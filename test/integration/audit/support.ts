import { randomUUID } from 'node:crypto';
import { GetPublicKeyCommand } from '@aws-sdk/client-kms';
import { createPublicKey, type KeyObject } from 'node:crypto';
import { tables } from '../../../infra/definitions/tables';
import { provisionTable } from '../../../infra/local/provision/tables';
import { createAwsClients, type AwsClients } from '../../../shared/aws/clients';
import { DynamoAuditLog } from '../../../shared/aws/dynamo-audit-log';
import { DynamoAuditReader } from '../../../functions/audit/dynamo-audit-reader';
import { DynamoCheckpointStore } from '../../../functions/audit/dynamo-checkpoint-store';
import { KmsCheckpointSigner } from '../../../functions/audit/kms-checkpoint-signer';
import { noArchive } from '../../../functions/audit/aws-s3-checkpoint-archive';
import { InMemoryAuditLog } from '../../support/fakes/in-memory-audit-log';
import { localEnv } from '../../support/local-stack';

/** The audit context wired to a fresh Audit-shaped table on the local stack, per test. */
export interface AuditWorld {
  readonly clients: AwsClients;
  readonly tableName: string;
  readonly writer: DynamoAuditLog;
  readonly reader: DynamoAuditReader;
  readonly store: DynamoCheckpointStore;
  readonly signer: KmsCheckpointSigner;
  readonly archive: typeof noArchive;
  readonly audit: InMemoryAuditLog;
  readonly clock: { now: () => Date };
  readonly budget: number;
}

let shared: AwsClients | undefined;

/**
 * A table of its own (same key schema and indexes as the Audit table), so tampering in one
 * test never touches the stack's real trail or another test's.
 */
export async function auditWorld(): Promise<AuditWorld> {
  shared ??= createAwsClients();
  const tableName = `AuditTest-${randomUUID().slice(0, 8)}`;
  await provisionTable(shared.dynamodb, { ...tables.audit, id: tableName });
  const keyId = localEnv()['AUDIT_SIGNING_KEY_ID']!;
  return {
    clients: shared,
    tableName,
    writer: new DynamoAuditLog(shared.documents, tableName),
    reader: new DynamoAuditReader(shared.documents, tableName),
    store: new DynamoCheckpointStore(shared.documents, tableName),
    signer: new KmsCheckpointSigner(shared.kms, keyId),
    archive: noArchive,
    audit: new InMemoryAuditLog(),
    clock: { now: () => new Date() },
    budget: 10_000,
  };
}

/** The audit key's public key straight from KMS, as an auditor would fetch it. */
export async function kmsPublicKey(world: AuditWorld): Promise<KeyObject> {
  const answer = await world.clients.kms.send(
    new GetPublicKeyCommand({ KeyId: localEnv()['AUDIT_SIGNING_KEY_ID']! }),
  );
  return createPublicKey({ key: Buffer.from(answer.PublicKey!), format: 'der', type: 'spki' });
}
