import { z } from 'zod';
import type { AuditRecord } from './audit-record';

/**
 * The Audit table's key design, shared by the writer and the readers:
 * - record `pk=CHAIN#03`, `sk=R#<id>` — ids sort by time, so a chain reads in seq order and a
 *   time range is a key condition;
 * - head `pk=CHAIN#03`, `sk=HEAD` — `head_seq`, `head_hash`, `head_last_id`, `head_at` of the
 *   chain's newest record (own attribute names, so IAM can confine writers' UpdateItem to them);
 * - checkpoint `pk=CHECKPOINT`, `sk=<checkpoint id>`;
 * - `gsi1pk=ACTOR#<id>`, `gsi2pk=RESOURCE#<type>#<id>`, both sorted by record id (`gsi1sk`,
 *   `gsi2sk`), so an actor's or a resource's history in a time range is one key condition.
 */
export const chainPk = (chain: number): string => `CHAIN#${String(chain).padStart(2, '0')}`;
export const HEAD_SK = 'HEAD';
export const RECORD_SK_PREFIX = 'R#';
export const recordSk = (id: string): string => `${RECORD_SK_PREFIX}${id}`;
export const CHECKPOINT_PK = 'CHECKPOINT';
export const actorKey = (id: string): string => `ACTOR#${id}`;
export const resourceKey = (type: string, id: string): string => `RESOURCE#${type}#${id}`;

export const HEAD_ATTRIBUTES = ['head_seq', 'head_hash', 'head_last_id', 'head_at'] as const;

export const headItemSchema = z.object({
  head_seq: z.number().int().nonnegative(),
  head_hash: z.string(),
  head_last_id: z.string(),
  head_at: z.string(),
});
export type HeadItem = z.infer<typeof headItemSchema>;

const optional = z.string().optional();

/** A record item as DynamoDB returns it; `details` is stored as its canonical JSON text. */
export const recordItemSchema = z.object({
  pk: z.string(),
  sk: z.string(),
  id: z.string(),
  at: z.string(),
  chain: z.number().int(),
  seq: z.number().int(),
  actor_type: z.enum(['user', 'admin', 'system', 'api_key']),
  actor_id: z.string(),
  actor_ip: optional,
  user_agent: optional,
  action: z.string(),
  resource_type: z.string(),
  resource_id: z.string(),
  result: z.enum(['success', 'failure', 'denied']),
  request_id: optional,
  details: optional,
  prev_hash: z.string(),
  hash: z.string(),
});
export type RecordItem = z.infer<typeof recordItemSchema>;

/**
 * A record as flat snake_case fields, as the table stores it and CSV exports list it;
 * `details` is serialised by the caller (the table keeps JSON text, CSV canonical JSON).
 */
export function flatRecord(record: AuditRecord, details: (d: unknown) => string) {
  return {
    id: record.id,
    at: record.at,
    chain: record.chain,
    seq: record.seq,
    actor_type: record.actor.type,
    actor_id: record.actor.id,
    actor_ip: record.actor_ip,
    user_agent: record.user_agent,
    action: record.action,
    resource_type: record.resource.type,
    resource_id: record.resource.id,
    result: record.result,
    request_id: record.request_id,
    details: record.details === undefined ? undefined : details(record.details),
    prev_hash: record.prev_hash,
    hash: record.hash,
  };
}

/** The item that stores a record, with its chain and index keys. */
export function toRecordItem(record: AuditRecord): Record<string, unknown> {
  return {
    pk: chainPk(record.chain),
    sk: recordSk(record.id),
    gsi1pk: actorKey(record.actor.id),
    gsi1sk: record.id,
    gsi2pk: resourceKey(record.resource.type, record.resource.id),
    gsi2sk: record.id,
    ...flatRecord(record, (d) => JSON.stringify(d)),
  };
}

/**
 * The record an item holds, exactly as stored: a tampered item yields a record whose hash no
 * longer matches, which is what verification looks for. Unparseable `details` stay as text.
 */
export function fromRecordItem(item: RecordItem): AuditRecord {
  const details = parseDetails(item.details);
  return {
    id: item.id,
    at: item.at,
    chain: item.chain,
    seq: item.seq,
    actor: { type: item.actor_type, id: item.actor_id },
    ...(item.actor_ip === undefined ? {} : { actor_ip: item.actor_ip }),
    ...(item.user_agent === undefined ? {} : { user_agent: item.user_agent }),
    action: item.action,
    resource: { type: item.resource_type, id: item.resource_id },
    result: item.result,
    ...(item.request_id === undefined ? {} : { request_id: item.request_id }),
    ...(details === undefined ? {} : { details }),
    prev_hash: item.prev_hash,
    hash: item.hash,
  };
}

function parseDetails(text: string | undefined): Record<string, unknown> | undefined {
  if (text === undefined) return undefined;
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)) {
      return parsed as Record<string, unknown>;
    }
  } catch {
    /* falls through: the text itself is kept so the hash check reports the damage */
  }
  return { unparseable: text };
}
