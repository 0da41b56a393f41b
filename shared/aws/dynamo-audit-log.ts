import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  GetCommand,
  TransactWriteCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import { ServiceUnavailableError } from '../domain/errors';
import type { AuditEntry, AuditLog } from '../audit/audit-log';
import {
  HEAD_ATTRIBUTES,
  HEAD_SK,
  chainPk,
  headItemSchema,
  toRecordItem,
  type HeadItem,
} from '../audit/audit-item';
import { GENESIS_HASH, chainFor, sealRecord, type AuditRecord } from '../audit/audit-record';

/** Knobs of the writer; the defaults suit Lambda. Tests shorten the waits. */
export interface DynamoAuditLogOptions {
  readonly now?: () => Date;
  /** Attempts per record under contention before giving up with 503. */
  readonly maxAttempts?: number;
  /** Upper bound of the jittered wait between attempts, in ms. */
  readonly maxBackoffMs?: number;
}

/** Records appended in one transaction at most (each ≤ ~34 KB: far below the 4 MB limit). */
const MAX_BATCH = 25;

const RETRYABLE_REASONS = new Set(['ConditionalCheckFailed', 'TransactionConflict']);

function isContention(error: unknown): boolean {
  if (!(error instanceof TransactionCanceledException)) return false;
  return (error.CancellationReasons ?? []).some((r) => RETRYABLE_REASONS.has(r.Code ?? ''));
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Waiting {
  readonly entry: AuditEntry;
  readonly done: (record: AuditRecord) => void;
  readonly fail: (error: unknown) => void;
}

/** One chain's appends waiting in this process, and the head this process last wrote. */
interface ChainState {
  readonly waiting: Waiting[];
  busy: boolean;
  head: HeadItem | undefined;
  /** False until the head is read, and again after any failed write. */
  known: boolean;
}

const headOf = (record: AuditRecord): HeadItem => ({
  head_seq: record.seq,
  head_hash: record.hash,
  head_last_id: record.id,
  head_at: record.at,
});

/**
 * The hash-chained writer. Appending to a chain is one TransactWriteItems: the records' `Put`s
 * (only if their keys are new) and the head `Update` (only if the head is still at the seq the
 * records were built on). Two writers racing for the same seq cannot both succeed, so a chain
 * never forks or skips a seq; the loser re-reads the head and tries again after a jittered wait.
 * Within one process, appends to a chain queue behind the one in flight and go out together
 * (up to {@link MAX_BATCH} per transaction), on the head this process wrote last — so a busy
 * warm container neither races itself nor reads the head before every record. Each append
 * resolves once its record is written. `at` never goes backwards within a chain, so record ids
 * sort in seq order.
 */
export class DynamoAuditLog implements AuditLog {
  private readonly now: () => Date;
  private readonly maxAttempts: number;
  private readonly maxBackoffMs: number;
  private readonly chains = new Map<number, ChainState>();

  constructor(
    private readonly documents: DynamoDBDocumentClient,
    private readonly tableName: string,
    options: DynamoAuditLogOptions = {},
  ) {
    this.now = options.now ?? (() => new Date());
    this.maxAttempts = options.maxAttempts ?? 100;
    this.maxBackoffMs = options.maxBackoffMs ?? 200;
  }

  async record(entry: AuditEntry): Promise<void> {
    await this.append(entry);
  }

  /** Appends the entry to its resource's chain and answers the sealed record. */
  append(entry: AuditEntry): Promise<AuditRecord> {
    const chain = chainFor(entry.resource);
    let state = this.chains.get(chain);
    if (state === undefined) {
      state = { waiting: [], busy: false, head: undefined, known: false };
      this.chains.set(chain, state);
    }
    const appended = new Promise<AuditRecord>((done, fail) => {
      state.waiting.push({ entry, done, fail });
    });
    if (!state.busy) void this.drain(chain, state);
    return appended;
  }

  private async drain(chain: number, state: ChainState): Promise<void> {
    state.busy = true;
    try {
      while (state.waiting.length > 0) {
        const batch = state.waiting.splice(0, MAX_BATCH);
        try {
          const records = await this.writeBatch(chain, state, batch);
          batch.forEach((waiting, index) => waiting.done(records[index]!));
        } catch (error) {
          for (const waiting of batch) waiting.fail(error);
        }
      }
    } finally {
      state.busy = false;
    }
  }

  private async writeBatch(
    chain: number,
    state: ChainState,
    batch: readonly Waiting[],
  ): Promise<AuditRecord[]> {
    for (let attempt = 1; ; attempt += 1) {
      if (!state.known) {
        state.head = await this.readHead(chain);
        state.known = true;
      }
      const base = state.head;
      const records: AuditRecord[] = [];
      let head = base;
      for (const { entry } of batch) {
        const record = this.seal(entry, chain, head);
        records.push(record);
        head = headOf(record);
      }
      try {
        await this.write(records, base);
        state.head = head;
        return records;
      } catch (error) {
        state.known = false;
        if (!isContention(error)) throw error;
        if (attempt >= this.maxAttempts) {
          throw new ServiceUnavailableError('The audit trail is busy; try again', {
            cause: error,
          });
        }
        const cap = Math.min(this.maxBackoffMs, 2 ** Math.min(attempt, 8));
        await sleep(Math.random() * cap);
      }
    }
  }

  private seal(entry: AuditEntry, chain: number, head: HeadItem | undefined): AuditRecord {
    const now = this.now().toISOString();
    const at = head !== undefined && head.head_at > now ? head.head_at : now;
    return sealRecord(entry, {
      chain,
      seq: (head?.head_seq ?? 0) + 1,
      at,
      prevHash: head?.head_hash ?? GENESIS_HASH,
    });
  }

  private async readHead(chain: number): Promise<HeadItem | undefined> {
    const { Item } = await this.documents.send(
      new GetCommand({
        TableName: this.tableName,
        Key: { pk: chainPk(chain), sk: HEAD_SK },
        ConsistentRead: true,
        ProjectionExpression: HEAD_ATTRIBUTES.join(', '),
      }),
    );
    return Item === undefined ? undefined : headItemSchema.parse(Item);
  }

  private async write(records: readonly AuditRecord[], head: HeadItem | undefined): Promise<void> {
    const expected = head?.head_seq ?? 0;
    const last = records[records.length - 1]!;
    await this.documents.send(
      new TransactWriteCommand({
        TransactItems: [
          ...records.map((record) => ({
            Put: {
              TableName: this.tableName,
              Item: toRecordItem(record),
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          })),
          {
            Update: {
              TableName: this.tableName,
              Key: { pk: chainPk(last.chain), sk: HEAD_SK },
              UpdateExpression:
                'SET head_seq = :next, head_hash = :hash, head_last_id = :id, head_at = :at',
              ConditionExpression:
                expected === 0 ? 'attribute_not_exists(head_seq)' : 'head_seq = :expected',
              ExpressionAttributeValues: {
                ':next': last.seq,
                ':hash': last.hash,
                ':id': last.id,
                ':at': last.at,
                ...(expected === 0 ? {} : { ':expected': expected }),
              },
            },
          },
        ],
      }),
    );
  }
}
