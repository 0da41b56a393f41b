import { randomUUID } from 'node:crypto';
import { createAuditLog } from '../../shared/audit/create-audit-log';
import { createAwsClients, type AwsClients } from '../../shared/aws/clients';
import { loadConfig } from '../../shared/config/load-config';
import { createLogger, type Logger } from '../../shared/logging/logger';
import { sealingConfigSchema, signingConfigSchema, vaultTableConfigSchema } from './config';
import { dynamoExchangeKeyRepository } from './dynamo-exchange-key-repository';
import { dynamoPepperStore } from './dynamo-pepper-store';
import { dynamoRateLimiter } from './dynamo-rate-limiter';
import { kmsDataKeys } from './kms-data-keys';
import type { SecurityLog, VaultPorts } from './ports';

/** The logger of every vault function; secret-named keys are redacted at any depth. */
export const vaultLogger: Logger = createLogger('keys');

const systemClock = { now: () => new Date() };

/** Integrity failures at ERROR level, as one searchable message, for the operators' alarm. */
const securityLog = (logger: Logger): SecurityLog => ({
  event: (name, attributes) => logger.error('security event', { event: name, ...attributes }),
});

interface Built<K extends keyof VaultPorts> {
  readonly ports: Pick<VaultPorts, K>;
  readonly logger: Logger;
}

function common(clients: AwsClients, tableName: string) {
  return {
    repository: dynamoExchangeKeyRepository(clients.documents, tableName),
    audit: createAuditLog(clients),
    clock: systemClock,
  };
}

/** List and get: the table, read only; no audit trail, no KMS. */
export function buildReadDeps(): Built<'repository'> {
  const config = loadConfig(vaultTableConfigSchema);
  const clients = createAwsClients();
  return {
    ports: { repository: dynamoExchangeKeyRepository(clients.documents, config.VAULT_TABLE) },
    logger: vaultLogger,
  };
}

/** Delete: the table and the audit trail; no KMS at all. */
export function buildDeleteDeps(): Built<'repository' | 'audit' | 'clock'> {
  const config = loadConfig(vaultTableConfigSchema);
  return { ports: common(createAwsClients(), config.VAULT_TABLE), logger: vaultLogger };
}

/** Create and rotate: plus KMS data keys and the fingerprint pepper. */
export function buildSealingDeps(): Built<
  'repository' | 'audit' | 'clock' | 'dataKeys' | 'pepper' | 'newId'
> {
  const config = loadConfig(sealingConfigSchema);
  const clients = createAwsClients();
  return {
    ports: {
      ...common(clients, config.VAULT_TABLE),
      dataKeys: kmsDataKeys(clients.kms, config.VAULT_KEY_ID),
      pepper: dynamoPepperStore(clients.documents, config.VAULT_TABLE),
      newId: randomUUID,
    },
    logger: vaultLogger,
  };
}

/** Sign: plus KMS decryption, the rate limiter and the security log. */
export function buildSigningDeps(): Built<
  'repository' | 'audit' | 'clock' | 'dataKeys' | 'rateLimiter' | 'security'
> {
  const config = loadConfig(signingConfigSchema);
  const clients = createAwsClients();
  return {
    ports: {
      ...common(clients, config.VAULT_TABLE),
      dataKeys: kmsDataKeys(clients.kms, config.VAULT_KEY_ID),
      rateLimiter: dynamoRateLimiter(clients.documents, config.RATE_LIMITS_TABLE),
      security: securityLog(vaultLogger),
    },
    logger: vaultLogger,
  };
}
