import { z } from 'zod';
import { isoTimestamp, pageOf, pageQueryFields } from './common';
import { defineRoute } from './route-contract';

/** Who may read the audit trail; nobody may change it (there is no update or delete route). */
export const AUDIT_READER_GROUPS = ['admin', 'auditor'] as const;

const text = (max: number) => z.string().min(1).max(max);
const hash = z.string().regex(/^[0-9a-f]{64}$/);

/** `20240501T120000123Z-03-000000000042`: time, chain, seq of a record. */
export const auditRecordIdSchema = z.string().regex(/^\d{8}T\d{9}Z-\d{2}-\d{12}$/);

export const auditActorTypeSchema = z.enum(['user', 'admin', 'system', 'api_key']);
export const auditResultSchema = z.enum(['success', 'failure', 'denied']);

/**
 * One audit record, exactly as hashed: `hash = sha256(prev_hash ‖ canonical JSON of the record
 * without hash and prev_hash)`, keys sorted at every depth, no whitespace.
 */
export const auditRecordSchema = z.object({
  id: auditRecordIdSchema,
  at: isoTimestamp,
  chain: z.number().int().nonnegative(),
  seq: z.number().int().positive(),
  actor: z.object({ type: auditActorTypeSchema, id: z.string() }),
  actor_ip: z.string().optional(),
  user_agent: z.string().optional(),
  action: z.string(),
  resource: z.object({ type: z.string(), id: z.string() }),
  result: auditResultSchema,
  request_id: z.string().optional(),
  details: z.record(z.string(), z.unknown()).optional(),
  prev_hash: hash,
  hash,
});
export type AuditRecordView = z.infer<typeof auditRecordSchema>;

/** Filters of the events and export routes; `from`/`to` are inclusive. */
const filterShape = {
  actor_id: text(256).optional(),
  actor_type: auditActorTypeSchema.optional(),
  resource_type: text(64).optional(),
  resource_id: text(256).optional(),
  action: text(128).optional(),
  result: auditResultSchema.optional(),
  from: isoTimestamp.optional(),
  to: isoTimestamp.optional(),
  cursor: z.string().min(1).max(512).optional(),
};

export const auditEventsQuerySchema = z.strictObject({
  ...filterShape,
  limit: z.coerce.number().int().min(1).max(100).default(50),
});
export type AuditEventsQuery = z.infer<typeof auditEventsQuerySchema>;

export const auditExportQuerySchema = z.strictObject({
  ...filterShape,
  format: z.enum(['jsonl', 'csv']).default('jsonl'),
  limit: z.coerce.number().int().min(1).max(1000).default(1000),
});
export type AuditExportQuery = z.infer<typeof auditExportQuerySchema>;

export const checkpointHeadSchema = z.object({
  chain: z.number().int().nonnegative(),
  seq: z.number().int().nonnegative(),
  hash,
  last_id: auditRecordIdSchema.optional(),
});

/** A signed checkpoint: `body` is the canonical JSON that `signature` (DER, base64) signs. */
export const signedCheckpointSchema = z.object({
  id: z.string(),
  at: isoTimestamp,
  key_id: z.string(),
  algorithm: z.literal('ECDSA_SHA_256'),
  chains: z.array(checkpointHeadSchema),
  body: z.string(),
  signature: z.string(),
});

export const brokenLinkSchema = z.object({
  chain: z.number().int(),
  seq: z.number().int(),
  id: z.string().optional(),
  reason: z.enum([
    'hash_mismatch',
    'gap',
    'missing',
    'reordered',
    'checkpoint_mismatch',
    'head_damaged',
  ]),
  detail: z.string(),
});

export const verifyReportSchema = z.object({
  valid: z.boolean(),
  /** False when the record budget of one call ran out before a chain's end. */
  complete: z.boolean(),
  mode: z.enum(['checkpoint', 'genesis']),
  checked_at: isoTimestamp,
  checkpoint: z
    .object({ id: z.string(), at: isoTimestamp, signature_valid: z.boolean() })
    .nullable(),
  chains: z.array(
    z.object({
      chain: z.number().int(),
      valid: z.boolean(),
      complete: z.boolean(),
      from_seq: z.number().int(),
      to_seq: z.number().int(),
      records_checked: z.number().int(),
      head_seq: z.number().int(),
      broken: brokenLinkSchema.optional(),
    }),
  ),
  first_broken: brokenLinkSchema.nullable(),
});
export type VerifyReport = z.infer<typeof verifyReportSchema>;

export const exportManifestSchema = z.object({
  version: z.literal(1),
  format: z.enum(['jsonl', 'csv']),
  generated_at: isoTimestamp,
  filters: z.record(z.string(), z.unknown()),
  count: z.number().int().nonnegative(),
  first_hash: hash.nullable(),
  last_hash: hash.nullable(),
  content_sha256: hash,
  next_cursor: z.string().nullable(),
  checkpoint: signedCheckpointSchema.nullable(),
  key_id: z.string(),
  algorithm: z.literal('ECDSA_SHA_256'),
  public_key_pem: z.string(),
});

/** An export page: the records as text, and a manifest signed over its canonical JSON. */
export const auditExportSchema = z.object({
  format: z.enum(['jsonl', 'csv']),
  content: z.string(),
  manifest: exportManifestSchema,
  signature: z.string(),
});

const reader = { tags: ['audit'], auth: 'user', groups: AUDIT_READER_GROUPS } as const;

export const listAuditEventsRoute = defineRoute({
  ...reader,
  method: 'GET',
  path: '/api/audit/events',
  summary: 'Audit records, newest first, filtered by actor, resource, action, result and time',
  query: auditEventsQuerySchema,
  response: pageOf(auditRecordSchema),
  errors: [],
});

export const getAuditEventRoute = defineRoute({
  ...reader,
  method: 'GET',
  path: '/api/audit/events/{id}',
  summary: 'One audit record with its chain, seq, prev_hash and hash',
  params: z.strictObject({ id: auditRecordIdSchema }),
  response: auditRecordSchema,
  errors: ['NOT_FOUND'],
});

export const verifyAuditRoute = defineRoute({
  ...reader,
  method: 'GET',
  path: '/api/audit/verify',
  summary: 'Recomputes every chain from the last valid checkpoint (or genesis)',
  query: z.strictObject({ from: z.enum(['checkpoint', 'genesis']).default('checkpoint') }),
  response: verifyReportSchema,
  errors: [],
});

export const exportAuditRoute = defineRoute({
  ...reader,
  method: 'GET',
  path: '/api/audit/export',
  summary: 'A page of records as JSONL or CSV with a KMS-signed manifest (follow next_cursor)',
  query: auditExportQuerySchema,
  response: auditExportSchema,
  errors: [],
  envelope: false,
});

export const listCheckpointsRoute = defineRoute({
  ...reader,
  method: 'GET',
  path: '/api/audit/checkpoints',
  summary: 'Signed checkpoints of the chain heads, newest first',
  query: z.strictObject(pageQueryFields(20)),
  response: pageOf(signedCheckpointSchema),
  errors: [],
});

export const createCheckpointRoute = defineRoute({
  tags: ['audit'],
  auth: 'user',
  groups: ['admin'],
  method: 'POST',
  path: '/api/audit/checkpoints',
  summary: 'Signs the current heads of all chains now (also runs on a schedule)',
  body: z.strictObject({}),
  response: signedCheckpointSchema,
  successStatus: 201,
  errors: ['SERVICE_UNAVAILABLE'],
});

/** Every audit route, for the route table and the OpenAPI document. */
export const auditContracts = [
  listAuditEventsRoute,
  getAuditEventRoute,
  verifyAuditRoute,
  exportAuditRoute,
  listCheckpointsRoute,
  createCheckpointRoute,
] as const;
