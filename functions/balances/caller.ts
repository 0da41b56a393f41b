import type { AuditEntry } from '../../shared/audit/audit-log';
import { PermissionDeniedError } from '../../shared/domain/errors';
import { callerOf as baseCallerOf, type Caller as BaseCaller } from '../../shared/http/caller';
import type { Identity } from '../../shared/http/identity';

/** The verified caller of a trading route, and whether it acts as an admin. */
export interface Caller extends BaseCaller {
  readonly admin: boolean;
}

interface CallerRequest {
  readonly identity: Identity;
  readonly sourceIp: string;
  readonly userAgent: string;
  readonly requestId: string;
}

/**
 * The caller of a route that moves money or orders: it must hold the `trade` scope (signed-in
 * users do; a platform API key only when granted), and `session` routes (withdrawals) refuse
 * API keys altogether — a key may trade, never take funds out.
 */
export function tradingCallerOf(request: CallerRequest, need: 'trade' | 'session'): Caller {
  const { identity } = request;
  if (need === 'session' && identity.authType !== 'jwt') {
    throw new PermissionDeniedError('This action needs a signed-in session, not an API key');
  }
  if (!identity.scopes.includes('trade')) {
    throw new PermissionDeniedError('This action needs the trade scope');
  }
  return callerOf(request);
}

export function callerOf(request: CallerRequest): Caller {
  return { ...baseCallerOf(request), admin: request.identity.groups.includes('admin') };
}

/** An audit entry of the caller acting on a trading resource; details never hold secrets. */
export function auditEntry(
  caller: Caller,
  action: string,
  resource: { type: string; id: string },
  result: AuditEntry['result'],
  details: Record<string, unknown>,
  actorType: 'user' | 'admin' = 'user',
): AuditEntry {
  return {
    actor: { type: actorType, id: caller.userId },
    actorIp: caller.sourceIp,
    userAgent: caller.userAgent,
    action,
    resource,
    result,
    requestId: caller.requestId,
    details,
  };
}
