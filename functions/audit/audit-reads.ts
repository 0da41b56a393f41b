import type { AuditActor, AuditLog } from '../../shared/audit/audit-log';
import type { Identity } from '../../shared/http/identity';

/** The verified caller of an audit route and where the request came from. */
export interface Caller {
  readonly identity: Identity;
  readonly sourceIp: string;
  readonly userAgent: string;
  readonly requestId: string;
}

/** Admins act as `admin`; auditors and everyone else as `user`. */
export function actorOf(identity: Identity): AuditActor {
  return { type: identity.groups.includes('admin') ? 'admin' : 'user', id: identity.userId };
}

/**
 * Records an auditor's own use of the trail (`audit.read`, `audit.verified`, `audit.exported`,
 * `audit.checkpointed`). It runs before the answer leaves: a read that cannot be audited fails.
 */
export async function recordAuditUse(
  audit: AuditLog,
  caller: Caller,
  action: string,
  resourceId: string,
  details: Readonly<Record<string, unknown>>,
): Promise<void> {
  await audit.record({
    actor: actorOf(caller.identity),
    actorIp: caller.sourceIp,
    userAgent: caller.userAgent,
    requestId: caller.requestId,
    action,
    resource: { type: 'audit_trail', id: resourceId },
    result: 'success',
    details,
  });
}
