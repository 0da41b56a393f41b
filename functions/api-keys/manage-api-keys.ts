import { NotFoundError } from '../../shared/domain/errors';
import type { Caller } from '../../shared/http/caller';
import { auditOf } from './audit';
import type { ApiKeyPorts, ApiKeyRecord } from './ports';

/** A key as the owner sees it: metadata, expiry state and last use; never the secret. */
export interface ApiKeyView extends ApiKeyRecord {
  readonly expired: boolean;
  readonly lastUsedAt: string | null;
  readonly lastUsedIp: string | null;
}

/** The caller's keys, newest first, with when and from where each was last used. */
export async function listApiKeys(
  deps: Pick<ApiKeyPorts, 'store' | 'usage' | 'clock'>,
  userId: string,
): Promise<ApiKeyView[]> {
  const records = await deps.store.list(userId);
  const usage = await deps.usage.lastUsed(records.map((r) => r.id));
  const now = deps.clock.now().toISOString();
  return records
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
    .map((record) => ({
      ...record,
      expired: record.expiresAt <= now,
      lastUsedAt: usage.get(record.id)?.at ?? null,
      lastUsedIp: usage.get(record.id)?.ip ?? null,
    }));
}

/**
 * Revokes a key of the caller: both items go in one transaction, so the very next signed
 * request with it is refused. Another user's key id answers 404 like one that never existed.
 */
export async function deleteApiKey(
  deps: Pick<ApiKeyPorts, 'store' | 'audit'>,
  caller: Caller,
  keyId: string,
): Promise<void> {
  const removed = await deps.store.delete(caller.userId, keyId);
  if (removed === undefined) throw new NotFoundError('No such API key');
  await deps.audit.record(
    auditOf(caller, 'api_key.deleted', keyId, 'success', { label: removed.label }),
  );
}
