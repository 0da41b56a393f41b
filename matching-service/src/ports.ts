import type { Depth } from './engine';
import type { JournalRecord } from './journal/record';
import type { SymbolSnapshot } from './symbol-book';

/** One message from the command queue, with what the FIFO queue tells about it. */
export interface QueueMessage {
  readonly id: string;
  readonly body: string;
  readonly receiptHandle: string;
  readonly groupId: string;
  /** SQS FIFO sequence number: increases per message group. */
  readonly sequenceNumber: string;
  readonly receiveCount: number;
  /** When the queue accepted the message (epoch ms; SQS `SentTimestamp`), if it says. */
  readonly sentAt?: number;
}

/** The FIFO command queue as the consumer sees it. */
export interface CommandSource {
  /** Long-polls for a batch; resolves empty when `signal` aborts. */
  receive(signal: AbortSignal): Promise<readonly QueueMessage[]>;
  ack(message: QueueMessage): Promise<void>;
  /** Deletes a whole batch (journaled) in as few calls as the queue allows. */
  ackAll(messages: readonly QueueMessage[]): Promise<void>;
  /** Keeps messages hidden while a slow batch is still being processed. */
  extendVisibility(messages: readonly QueueMessage[], seconds: number): Promise<void>;
}

/** Liveness record read by `GET /api/health`. */
export interface HeartbeatWriter {
  beat(state: { commandsProcessed: number }): Promise<void>;
}

/** A second engine journaled this sequence number first: this one must rebuild before going on. */
export class FencedError extends Error {
  override readonly name = 'FencedError';
}

/**
 * The per-symbol journal, book snapshots and the settlement cursor. `append` is conditional
 * on the record's `seq` being new for its symbol and throws {@link FencedError} otherwise.
 */
export interface Journal {
  append(record: JournalRecord): Promise<void>;
  /** Records of `symbol` after `afterSeq`, oldest first. */
  readAfter(symbol: string, afterSeq: number): AsyncIterable<JournalRecord>;
  latestSnapshot(symbol: string): Promise<SymbolSnapshot | undefined>;
  saveSnapshot(snapshot: SymbolSnapshot): Promise<void>;
  /** Seq of the newest record whose settlement finished (0 when none). */
  settledThrough(symbol: string): Promise<number>;
  markSettled(symbol: string, seq: number): Promise<void>;
}

/** Where the engine's public outputs go (the MarketData table). */
export interface MarketDataSink {
  /** Engine seq of the newest record published for `symbol` (0 when none). */
  publishedThrough(symbol: string): Promise<number>;
  /** Publishes one journaled record, given the published depth before and after it. */
  publish(record: JournalRecord, before: Depth, after: Depth): Promise<void>;
}
