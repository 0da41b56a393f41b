import type { AuditEntry, AuditLog } from '../../../shared/audit/audit-log';

/** Keeps recorded entries in order, for use-case tests. */
export class InMemoryAuditLog implements AuditLog {
  readonly entries: AuditEntry[] = [];

  async record(entry: AuditEntry): Promise<void> {
    this.entries.push(entry);
  }

  actions(): string[] {
    return this.entries.map((e) => e.action);
  }
}
