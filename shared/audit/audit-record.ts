import { createHash } from 'node:crypto';
import { redact } from '../logging/redact';
import type { AuditActorType, AuditEntry, AuditResult } from './audit-log';
import { canonicalJson } from './canonical-json';

/** Number of independent hash chains; records spread over them so no single head is hot. */
export const AUDIT_CHAIN_COUNT = 8;

/** `prev_hash` of the first record of every chain. */
export const GENESIS_HASH = '0'.repeat(64);

/** Largest canonical `details` kept verbatim; larger ones are replaced by their digest. */
export const MAX_DETAILS_BYTES = 32 * 1024;
const MAX_TEXT = 512;

/**
 * One audit record as stored, returned by the API and exported: snake_case, JSON only.
 * `hash = SHA-256(prev_hash ‖ canonicalJson(record without hash and prev_hash))`, hex.
 */
export interface AuditRecord {
  readonly id: string;
  readonly at: string;
  readonly chain: number;
  readonly seq: number;
  readonly actor: { readonly type: AuditActorType; readonly id: string };
  readonly actor_ip?: string;
  readonly user_agent?: string;
  readonly action: string;
  readonly resource: { readonly type: string; readonly id: string };
  readonly result: AuditResult;
  readonly request_id?: string;
  readonly details?: Readonly<Record<string, unknown>>;
  readonly prev_hash: string;
  readonly hash: string;
}

export type UnsealedRecord = Omit<AuditRecord, 'hash' | 'prev_hash'>;

/** The chain a resource's records go to: stable, so one resource's history is one chain. */
export function chainFor(resource: { type: string; id: string }): number {
  const digest = createHash('sha256').update(`${resource.type}\u0000${resource.id}`).digest();
  return digest.readUInt32BE(0) % AUDIT_CHAIN_COUNT;
}

/**
 * `20240501T120000123Z-03-000000000042`: time, chain, seq. Fixed width, so ids sort as the
 * records' global order (time, then chain, then seq), and an id locates its record.
 */
export function recordId(at: string, chain: number, seq: number): string {
  return `${compactTime(at)}-${String(chain).padStart(2, '0')}-${String(seq).padStart(12, '0')}`;
}

/** `2024-05-01T12:00:00.123Z` → `20240501T120000123Z`: sortable and safe in a URL path. */
export function compactTime(at: string): string {
  return at.replace(/[-:]/g, '').replace('.', '');
}

const ID_PATTERN = /^(\d{8})T(\d{6})(\d{3})Z-(\d{2})-(\d{12})$/;

/** Inverse of `recordId`; undefined for anything that is not an audit record id. */
export function parseRecordId(id: string): { at: string; chain: number; seq: number } | undefined {
  const match = ID_PATTERN.exec(id);
  if (!match) return undefined;
  const [, day = '', time = '', ms = '', chain = '', seq = ''] = match;
  const at = `${day.slice(0, 4)}-${day.slice(4, 6)}-${day.slice(6)}T${time.slice(0, 2)}:${time.slice(2, 4)}:${time.slice(4)}.${ms}Z`;
  return { at, chain: Number(chain), seq: Number(seq) };
}

/** SHA-256 (hex) of the previous hash followed by the record's canonical JSON. */
export function chainHash(prevHash: string, record: UnsealedRecord): string {
  return createHash('sha256')
    .update(prevHash, 'utf8')
    .update(canonicalJson(record), 'utf8')
    .digest('hex');
}

/** The part of a sealed record that its hash covers. */
export function unsealed(record: AuditRecord): UnsealedRecord {
  const { hash: _hash, prev_hash: _prev, ...rest } = record;
  return rest;
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * Free text bounded to `MAX_TEXT` code units and valid Unicode, before the hash covers it: the
 * cut never splits a surrogate pair, and a lone surrogate becomes U+FFFD. DynamoDB stores UTF-8,
 * which has no lone surrogates, so otherwise the stored record would not hash as sealed.
 */
const clip = (text: string): string => {
  const high = text.length > MAX_TEXT && /[\uD800-\uDBFF]/.test(text.charAt(MAX_TEXT - 1));
  return text.slice(0, high ? MAX_TEXT - 1 : MAX_TEXT).replace(LONE_SURROGATE, '\uFFFD');
};

function safeDetails(details: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const cleaned = redact(details);
  const canonical = canonicalJson(cleaned);
  const bytes = Buffer.byteLength(canonical, 'utf8');
  if (bytes <= MAX_DETAILS_BYTES) return cleaned;
  return {
    truncated: true,
    bytes,
    sha256: createHash('sha256').update(canonical, 'utf8').digest('hex'),
  };
}

/**
 * Seals an entry at a chain position: secret-named keys in `details` are redacted (the last line
 * of defence; callers must not pass secrets), free text is bounded, and the hash links it to
 * `prevHash`.
 */
export function sealRecord(
  entry: AuditEntry,
  position: { chain: number; seq: number; at: string; prevHash: string },
): AuditRecord {
  const { chain, seq, at, prevHash } = position;
  const body: UnsealedRecord = {
    id: recordId(at, chain, seq),
    at,
    chain,
    seq,
    actor: { type: entry.actor.type, id: clip(entry.actor.id) },
    ...(entry.actorIp === undefined ? {} : { actor_ip: clip(entry.actorIp) }),
    ...(entry.userAgent === undefined ? {} : { user_agent: clip(entry.userAgent) }),
    action: clip(entry.action),
    resource: { type: clip(entry.resource.type), id: clip(entry.resource.id) },
    result: entry.result,
    ...(entry.requestId === undefined ? {} : { request_id: clip(entry.requestId) }),
    ...(entry.details === undefined ? {} : { details: safeDetails(entry.details) }),
  };
  return { ...body, prev_hash: prevHash, hash: chainHash(prevHash, body) };
}
