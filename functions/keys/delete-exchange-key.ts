import type { Caller, VaultPorts } from './ports';
import { getExchangeKey } from './read-exchange-keys';
import { auditEntry } from './view';

export type DeleteExchangeKeyDeps = Pick<VaultPorts, 'repository' | 'audit'>;

/**
 * Deletes one of the caller's keys. The item holding the ciphertexts and the wrapped data key
 * is removed, so the credential can no longer be decrypted from the live table
 * (crypto-shredding); the audit record of the deletion remains.
 */
export async function deleteExchangeKey(
  deps: DeleteExchangeKeyDeps,
  caller: Caller,
  id: string,
): Promise<void> {
  const record = await getExchangeKey(deps, caller.userId, id);
  await deps.repository.delete(record);
  await deps.audit.record(
    auditEntry(caller, 'exchange_key.deleted', id, 'success', {
      exchange: record.exchange,
      label: record.label,
      api_key_hint: record.apiKeyHint,
      rotation_count: record.rotationCount,
    }),
  );
}
