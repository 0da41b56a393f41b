import type { AuditEntry } from '../../shared/audit/audit-log';
import { PermissionDeniedError } from '../../shared/domain/errors';
import type { Identity } from '../../shared/http/identity';

/** The verified caller of a `user` route: ownership comes from the token, never the body. */
export interface Caller {
  readonly userId: string;
  readonly admin: boolean;
  readonly sourceIp: string;
  readonly userAgent: string;
  readonly requestId: string;
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

export function callerOf(request: {
  readonly identity: Identity;
  readonly sourceIp: string;
  readonly userAgent: string;
  readonly requestId: string;
}): Caller {
  return {
    userId: request.identity.userId,
    admin: request.identity.groups.includes('admin'),
    sourceIp: request.sourceIp,
    userAgent: request.userAgent,
    requestId: request.requestId,
  };
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
