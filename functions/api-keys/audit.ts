import type { AuditEntry, AuditResult } from '../../shared/audit/audit-log';
import type { Caller } from '../../shared/http/caller';

/** An audit entry of the caller acting on one of its API keys; never the secret. */
export function auditOf(
  caller: Caller,
  action: string,
  keyId: string,
  result: AuditResult,
  details: Record<string, unknown>,
): AuditEntry {
  return {
    actor: { type: 'user', id: caller.userId },
    actorIp: caller.sourceIp,
    userAgent: caller.userAgent,
    action,
    resource: { type: 'api_key', id: keyId },
    result,
    requestId: caller.requestId,
    details,
  };
}
