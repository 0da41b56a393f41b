import { randomBytes, randomUUID } from 'node:crypto';
import { createAuditLog } from '../../shared/audit/create-audit-log';
import { createAwsClients } from '../../shared/aws/clients';
import { createTotpStepUp } from '../../shared/aws/totp-step-up';
import { loadConfig } from '../../shared/config/load-config';
import { createLogger, type Logger } from '../../shared/logging/logger';
import { createConfigSchema, deleteConfigSchema, listConfigSchema } from './config';
import { dynamoApiKeyStore } from './dynamo-api-key-store';
import { dynamoApiKeyUsage } from './dynamo-api-key-usage';
import { dynamoMfaStatus } from './dynamo-mfa-status';
import { kmsSecretIssuer } from './kms-secret-issuer';
import type { ApiKeyPorts } from './ports';

/** The logger of the API-key functions; secret-named keys (`api_secret`) are redacted. */
export const apiKeysLogger: Logger = createLogger('api-keys');

const clock = { now: () => new Date() };
const newApiKey = (): string => `ak_${randomBytes(24).toString('base64url')}`;

/** Create: store, KMS secrets, MFA status and the step-up verifier, audit. */
export function buildCreateDeps(): Pick<
  ApiKeyPorts,
  'store' | 'secrets' | 'mfa' | 'stepUp' | 'audit' | 'clock' | 'newId' | 'newApiKey'
> {
  const config = loadConfig(createConfigSchema);
  const clients = createAwsClients();
  return {
    store: dynamoApiKeyStore(clients.documents, config.USERS_TABLE),
    secrets: kmsSecretIssuer(clients.kms, config.API_KEYS_KEY_ID),
    mfa: dynamoMfaStatus(clients.documents, config.USERS_TABLE),
    stepUp: createTotpStepUp(clients, config),
    audit: createAuditLog(clients),
    clock,
    newId: randomUUID,
    newApiKey,
  };
}

/** List: the store and the usage records; nothing is written. */
export function buildListDeps(): Pick<ApiKeyPorts, 'store' | 'usage' | 'clock'> {
  const config = loadConfig(listConfigSchema);
  const clients = createAwsClients();
  return {
    store: dynamoApiKeyStore(clients.documents, config.USERS_TABLE),
    usage: dynamoApiKeyUsage(clients.documents, config.RATE_LIMITS_TABLE),
    clock,
  };
}

/** Delete: the store and the audit trail. */
export function buildDeleteDeps(): Pick<ApiKeyPorts, 'store' | 'audit'> {
  const config = loadConfig(deleteConfigSchema);
  const clients = createAwsClients();
  return {
    store: dynamoApiKeyStore(clients.documents, config.USERS_TABLE),
    audit: createAuditLog(clients),
  };
}
