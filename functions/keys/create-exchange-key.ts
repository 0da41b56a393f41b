import {
  MAX_EXCHANGE_KEYS_PER_USER,
  type CreateExchangeKeyBody,
} from '../../shared/contracts/vault';
import { apiKeyHint, encryptionContext, sealCredential } from './envelope';
import { fingerprintOf, withPepper } from './fingerprint';
import type { Caller, ExchangeKeyRecord, VaultPorts } from './ports';
import { auditEntry } from './view';

export type CreateExchangeKeyDeps = Pick<
  VaultPorts,
  'repository' | 'dataKeys' | 'pepper' | 'audit' | 'clock' | 'newId'
>;

/**
 * Stores new exchange credentials for the caller: a keyed fingerprint to refuse a duplicate,
 * the key and secret sealed under a fresh KMS data key bound to `{user_id, key_id, exchange,
 * purpose}`, the per-user limit enforced by the store, and an audit record without secrets.
 */
export async function createExchangeKey(
  deps: CreateExchangeKeyDeps,
  caller: Caller,
  body: CreateExchangeKeyBody,
): Promise<ExchangeKeyRecord> {
  const id = deps.newId();
  const fingerprint = await withPepper(deps, (pepper) =>
    fingerprintOf(pepper, caller.userId, body.exchange, body.api_key),
  );
  const context = encryptionContext(caller.userId, id, body.exchange);
  const sealed = await sealCredential(deps.dataKeys, context, body.api_key, body.api_secret);
  const now = deps.clock.now().toISOString();
  const record: ExchangeKeyRecord = {
    id,
    userId: caller.userId,
    exchange: body.exchange,
    label: body.label,
    testnet: body.testnet,
    permissions: body.permissions,
    apiKeyHint: apiKeyHint(body.api_key),
    fingerprint,
    createdAt: now,
    updatedAt: now,
    lastUsedAt: null,
    rotationCount: 0,
    rotatedAt: null,
    revision: 1,
    sealed,
  };
  await deps.repository.create(record, MAX_EXCHANGE_KEYS_PER_USER);
  await deps.audit.record(
    auditEntry(caller, 'exchange_key.created', id, 'success', {
      exchange: record.exchange,
      label: record.label,
      testnet: record.testnet,
      permissions: record.permissions,
      api_key_hint: record.apiKeyHint,
    }),
  );
  return record;
}
