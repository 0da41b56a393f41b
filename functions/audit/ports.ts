import type { AuditActorType, AuditResult } from '../../shared/audit/audit-log';
import type { AuditRecord } from '../../shared/audit/audit-record';
import type { z } from 'zod';
import type { signedCheckpointSchema } from '../../shared/contracts/audit';

/** What the events and export routes filter on; `from`/`to` are inclusive ISO timestamps. */
export interface EventFilter {
  readonly actorId?: string;
  readonly actorType?: AuditActorType;
  readonly resourceType?: string;
  readonly resourceId?: string;
  readonly action?: string;
  readonly result?: AuditResult;
  readonly from?: string;
  readonly to?: string;
}

/** A page request: newest first, strictly older than the record id `before` when given. */
export interface EventQuery {
  readonly filter: EventFilter;
  readonly limit: number;
  readonly before?: string;
}

/** A page, and where the next one starts (exclusive) when there may be more. */
export interface EventPage {
  readonly items: readonly AuditRecord[];
  readonly before?: string;
}

/** The head of one chain: its newest seq and hash (seq 0 and the genesis hash when empty). */
export interface ChainHead {
  readonly chain: number;
  readonly seq: number;
  readonly hash: string;
  readonly lastId?: string;
  /**
   * The head item exists but does not read as a head (only a write outside the service makes
   * one): its seq and hash are then unknown, so a deleted tail cannot be ruled out.
   */
  readonly damaged?: boolean;
}

/**
 * One stored record in chain order: `key` is the id its storage position says it has, and
 * `record` what is stored there (undefined when the item no longer parses as a record).
 */
export interface ChainEntry {
  readonly key: string;
  readonly record: AuditRecord | undefined;
}

/** Read side of the Audit table. */
export interface AuditReader {
  list(query: EventQuery): Promise<EventPage>;
  get(id: string): Promise<AuditRecord | undefined>;
  heads(): Promise<readonly ChainHead[]>;
  /** The chain's records in storage order, after the record id `afterId` when given. */
  walk(chain: number, afterId?: string): AsyncIterable<ChainEntry>;
}

export type SignedCheckpoint = z.infer<typeof signedCheckpointSchema>;

/** Signed checkpoints in the Audit table, newest first. */
export interface CheckpointStore {
  save(checkpoint: SignedCheckpoint): Promise<void>;
  list(limit: number, before?: string): Promise<{ items: SignedCheckpoint[]; before?: string }>;
}

/** The asymmetric signing key (KMS ECC_NIST_P256, ECDSA_SHA_256). */
export interface CheckpointSigner {
  /** The key's ARN and its public key as PEM (SPKI), for anyone to verify offline. */
  publicKey(): Promise<{ keyId: string; pem: string }>;
  /** DER ECDSA_SHA_256 signature of the message (any length). */
  sign(message: Uint8Array): Promise<Uint8Array>;
}

/** Write-once copy of each checkpoint outside the table (S3 Object Lock in AWS). */
export interface CheckpointArchive {
  put(checkpoint: SignedCheckpoint): Promise<void>;
}

export interface Clock {
  now(): Date;
}
