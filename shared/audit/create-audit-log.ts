import type { AwsClients } from '../aws/clients';
import { ConfigError } from '../config/load-config';
import type { AuditLog } from './audit-log';
import { DynamoAuditLog } from '../aws/dynamo-audit-log';

/**
 * The audit writer every context's composition root builds once per cold start: the
 * hash-chained DynamoDB log on the table named by `AUDIT_TABLE`. A missing table name fails
 * at start, never on the first audited action.
 */
export function createAuditLog(
  clients: AwsClients,
  env: Record<string, string | undefined> = process.env,
): AuditLog {
  const tableName = env['AUDIT_TABLE'];
  if (tableName === undefined || tableName === '') {
    throw new ConfigError('invalid configuration: AUDIT_TABLE: required');
  }
  return new DynamoAuditLog(clients.documents, tableName);
}
