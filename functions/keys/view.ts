import type { ExchangeKeyView } from '../../shared/contracts/vault';
import type { AuditEntry, AuditResult } from '../../shared/audit/audit-log';
import type { Caller, ExchangeKeyRecord } from './ports';

/** A record as its owner sees it: metadata and the hint, nothing sealed. */
export function toView(record: ExchangeKeyRecord): ExchangeKeyView {
  return {
    id: record.id,
    exchange: record.exchange,
    label: record.label,
    api_key_hint: record.apiKeyHint,
    testnet: record.testnet,
    permissions: [...record.permissions],
    created_at: record.createdAt,
    updated_at: record.updatedAt,
    last_used_at: record.lastUsedAt,
    rotation_count: record.rotationCount,
    rotated_at: record.rotatedAt,
  };
}

/**
 * An audit entry about one exchange key. Only metadata goes in `details` (exchange, hint,
 * label, counts): never the key, the secret, a data key or a signature.
 */
export function auditEntry(
  caller: Caller,
  action: `exchange_key.${string}`,
  keyId: string,
  result: AuditResult,
  details: Readonly<Record<string, unknown>>,
): AuditEntry {
  return {
    actor: { type: 'user', id: caller.userId },
    actorIp: caller.sourceIp,
    userAgent: caller.userAgent,
    requestId: caller.requestId,
    action,
    resource: { type: 'exchange_key', id: keyId },
    result,
    details,
  };
}
