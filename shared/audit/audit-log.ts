/**
 * The audit port every context writes through: who did what to which resource, from where,
 * with what result. The writer chains records by hash (the audit trail), so an entry, once
 * recorded, cannot be changed or removed unnoticed. `details` carries before/after values and
 * never a secret: the writer redacts secret-named keys again as a last line of defence.
 */
export type AuditActorType = 'user' | 'admin' | 'system' | 'api_key';
export type AuditResult = 'success' | 'failure' | 'denied';

export interface AuditActor {
  readonly type: AuditActorType;
  /** User id (Cognito `sub`), API key id, or a system component name. */
  readonly id: string;
}

export interface AuditEntry {
  readonly actor: AuditActor;
  readonly actorIp?: string;
  readonly userAgent?: string;
  /** `<resource>.<verb>`, e.g. `user.login`, `exchange_key.created`, `order.placed`. */
  readonly action: string;
  readonly resource: { readonly type: string; readonly id: string };
  readonly result: AuditResult;
  readonly requestId?: string;
  readonly details?: Readonly<Record<string, unknown>>;
}

export interface AuditLog {
  record(entry: AuditEntry): Promise<void>;
}
