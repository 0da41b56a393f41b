import type { OrderCommand } from '../../../shared/contracts/commands';
import type { BookEvent } from '../engine';
import type { Refusal } from '../translate';

/**
 * One command as journaled: the decoded queue command (null when the message did not decode),
 * what the book emitted for it, or why the service refused it without asking the book.
 */
export interface JournalEntry {
  readonly messageId: string;
  readonly command: OrderCommand | null;
  readonly events: readonly BookEvent[];
  readonly refused?: Refusal | 'UNDECODABLE';
}

/**
 * What one batch did to one symbol's book. Records of a symbol have strictly increasing `seq`
 * (1, 2, …, no gaps): appending record `seq` is conditional on it not existing, which is what
 * fences out a second engine. `firstEventSeq..lastEventSeq` are the engine sequence numbers the
 * record's events cover (`lastEventSeq < firstEventSeq` when it emitted none).
 */
export interface JournalRecord {
  readonly symbol: string;
  readonly seq: number;
  readonly firstEventSeq: number;
  readonly lastEventSeq: number;
  readonly entries: readonly JournalEntry[];
  /** Wall-clock time the record was made (epoch ms); for lag metrics only, never replayed. */
  readonly writtenAt: number;
}

/** Every event of a record, in engine order. */
export const eventsOf = (record: JournalRecord): BookEvent[] =>
  record.entries.flatMap((entry) => entry.events);
