import { z } from 'zod';

const name = z.string().min(1);

/** Admin reads: the Trading table only. */
export const adminReadConfigSchema = z.object({ TRADING_TABLE: name });

/** Adjustments and withdrawal decisions: plus the audit trail. */
export const adminWriteConfigSchema = adminReadConfigSchema.extend({ AUDIT_TABLE: name });
