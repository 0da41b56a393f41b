import type { AuditActor, AuditLog, AuditResult } from '../../shared/audit/audit-log';
import type { ActivityLog, Clock, IdGenerator } from './ports';

/** Where a request came from; recorded with every security event. */
export interface RequestContext {
  readonly ip: string;
  readonly userAgent: string;
  readonly requestId: string;
}

export interface SecurityEventDeps {
  readonly activity: ActivityLog;
  readonly audit: AuditLog;
  readonly clock: Clock;
  readonly ids: IdGenerator;
}

/** A security-relevant event of one account (or of an unknown one, for failed sign-ins). */
export interface SecurityEvent {
  /** The account concerned; absent when the email matched no account. */
  readonly userId: string | undefined;
  /** Activity type, e.g. `login`, `mfa.enabled`; the audit action is `user.<type>`. */
  readonly type: string;
  readonly result: AuditResult;
  readonly context: RequestContext;
  /** Defaults to the user acting on their own account (or `anonymous`). */
  readonly actor?: AuditActor;
  /** Never a secret: ids, reasons, before/after values. */
  readonly details?: Readonly<Record<string, unknown>>;
}

/**
 * Records an event in the user's activity (what they see under `/api/users/me/activity`) and
 * through the audit port (the tamper-evident trail), together.
 */
export async function recordSecurityEvent(
  deps: SecurityEventDeps,
  event: SecurityEvent,
): Promise<void> {
  const at = deps.clock.now().toISOString();
  const details = event.details ?? {};
  const actor: AuditActor = event.actor ?? { type: 'user', id: event.userId ?? 'anonymous' };
  await Promise.all([
    event.userId === undefined
      ? Promise.resolve()
      : deps.activity.record(event.userId, {
          id: deps.ids.uuid(),
          type: event.type,
          result: event.result,
          at,
          ip: event.context.ip,
          userAgent: event.context.userAgent,
          details,
        }),
    deps.audit.record({
      actor,
      actorIp: event.context.ip,
      userAgent: event.context.userAgent,
      action: `user.${event.type}`,
      resource: { type: 'user', id: event.userId ?? 'unknown' },
      result: event.result,
      requestId: event.context.requestId,
      details,
    }),
  ]);
}
