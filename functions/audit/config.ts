import { z } from 'zod';

const name = z.string().min(1);

/** Environment of the audit functions. The archive bucket exists only in AWS. */
export const auditConfigSchema = z.object({
  AUDIT_TABLE: name,
  AUDIT_SIGNING_KEY_ID: name,
  AUDIT_CHECKPOINT_BUCKET: name.optional(),
  /** Records one verify call checks per chain before answering `complete: false`. */
  AUDIT_VERIFY_BUDGET: z.coerce.number().int().min(100).max(1_000_000).default(20_000),
});
export type AuditConfig = z.infer<typeof auditConfigSchema>;

/** The event reads (list, get): the table only, no signing key. */
export const auditReadConfigSchema = auditConfigSchema.pick({ AUDIT_TABLE: true });
