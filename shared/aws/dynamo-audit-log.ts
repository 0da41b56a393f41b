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

const RETRYABLE_REASONS = new Set(['ConditionalCheckFailed', 'TransactionConflict']);

function isContention(error: unknown): boolean {
  if (!(error instanceof TransactionCanceledException)) return false;
  return (error.CancellationReasons ?? []).some((r) => RETRYABLE_REASONS.has(r.Code ?? ''));
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The hash-chained writer. Appending to a chain is one TransactWriteItems: the record `Put`
 * (only if its key is new) and the head `Update` (only if the head is still at the seq the
 * record was built on). Two writers racing for the same seq cannot both succeed, so a chain
 * never forks or skips a seq; the loser re-reads the head and tries again after a jittered wait.
 * `at` never goes backwards within a chain, so record ids sort in seq order.
 */
export class DynamoAuditLog implements AuditLog {
  private readonly now: () => Date;
  private readonly maxAttempts: number;
  private readonly maxBackoffMs: number;

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
  async append(entry: AuditEntry): Promise<AuditRecord> {
    const chain = chainFor(entry.resource);
    for (let attempt = 1; ; attempt += 1) {
      const head = await this.readHead(chain);
      const record = this.seal(entry, chain, head);
      try {
        await this.write(record, head);
        return record;
      } catch (error) {
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

  private async write(record: AuditRecord, head: HeadItem | undefined): Promise<void> {
    const expected = head?.head_seq ?? 0;
    await this.documents.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName: this.tableName,
              Item: toRecordItem(record),
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
          {
            Update: {
              TableName: this.tableName,
              Key: { pk: chainPk(record.chain), sk: HEAD_SK },
              UpdateExpression:
                'SET head_seq = :next, head_hash = :hash, head_last_id = :id, head_at = :at',
              ConditionExpression:
                expected === 0 ? 'attribute_not_exists(head_seq)' : 'head_seq = :expected',
              ExpressionAttributeValues: {
                ':next': record.seq,
                ':hash': record.hash,
                ':id': record.id,
                ':at': record.at,
                ...(expected === 0 ? {} : { ':expected': expected }),
              },
            },
          },
        ],
      }),
    );
  }
}
