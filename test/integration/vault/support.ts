import { randomUUID } from 'node:crypto';
import { createAwsClients } from '../../../shared/aws/clients';
import { dynamoExchangeKeyRepository } from '../../../functions/keys/dynamo-exchange-key-repository';
import { dynamoPepperStore } from '../../../functions/keys/dynamo-pepper-store';
import { dynamoRateLimiter } from '../../../functions/keys/dynamo-rate-limiter';
import { kmsDataKeys } from '../../../functions/keys/kms-data-keys';
import type { Caller, VaultPorts } from '../../../functions/keys/ports';
import { InMemoryAuditLog } from '../../support/fakes/in-memory-audit-log';
import { localEnv } from '../../support/local-stack';
import { CapturingSecurityLog } from '../../unit/vault/support/fakes';

export const clients = createAwsClients();
export const vaultTable = (): string => localEnv()['VAULT_TABLE']!;
export const rateLimitsTable = (): string => localEnv()['RATE_LIMITS_TABLE']!;

/** The vault's real adapters on the local stack (DynamoDB Local, local KMS); audit in memory. */
export function localVault() {
  const env = localEnv();
  return {
    repository: dynamoExchangeKeyRepository(clients.documents, vaultTable()),
    dataKeys: kmsDataKeys(clients.kms, env['VAULT_KEY_ID']!),
    pepper: dynamoPepperStore(clients.documents, vaultTable()),
    rateLimiter: dynamoRateLimiter(clients.documents, rateLimitsTable()),
    audit: new InMemoryAuditLog(),
    security: new CapturingSecurityLog(),
    clock: { now: () => new Date() },
    newId: () => randomUUID(),
  } satisfies VaultPorts;
}

/** A caller with a fresh id, so tests never share a partition. */
export function newCaller(): Caller {
  const userId = randomUUID();
  return { userId, sourceIp: '127.0.0.1', userAgent: 'vitest', requestId: `req-${userId}` };
}
