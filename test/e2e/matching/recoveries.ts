import { readFileSync } from 'node:fs';
import type { Journal } from '../../../matching-service/src/ports';
import {
  SERVICE_MEMORY,
  SymbolBook,
  type SymbolBookConfig,
} from '../../../matching-service/src/symbol-book';

/** One `book recovered` line of a matching process's log, beside what it should have said. */
export interface Recovery {
  readonly recordSeq: number;
  /** The record seq of the snapshot it started from, or null when it replayed from the start. */
  readonly snapshot: number | null;
  readonly stateHash: string;
  /** The hash of a book that applied the journal up to `recordSeq` without interruption. */
  readonly uninterrupted: string | undefined;
}

/** The book settings the service gives every symbol (its state hash covers them). */
const SERVICE_BOOK: SymbolBookConfig = { defaultStp: 'EXPIRE_MAKER', ...SERVICE_MEMORY };

/**
 * Every recovery a matching process logged for `symbol` (run it at LOG_LEVEL INFO), each with
 * the state hash of one uninterrupted book replaying the whole journal to the same record.
 * `SymbolBook.replay` also checks each record's events against the journal as it goes.
 */
export async function recoveriesOf(
  logPath: string,
  journal: Pick<Journal, 'readAfter'>,
  symbol: string,
): Promise<Recovery[]> {
  const logged = readFileSync(logPath, 'utf8')
    .split('\n')
    .flatMap((line) => {
      try {
        const entry = JSON.parse(line) as Record<string, unknown>;
        return entry['message'] === 'book recovered' && entry['symbol'] === symbol ? [entry] : [];
      } catch {
        return [];
      }
    });
  const book = SymbolBook.create(symbol, SERVICE_BOOK);
  const hashAt = new Map<number, string>([[0, book.orderBook.stateHash()]]);
  for await (const record of journal.readAfter(symbol, 0)) {
    book.replay(record);
    hashAt.set(record.seq, book.orderBook.stateHash());
  }
  return logged.map((entry) => ({
    recordSeq: entry['recordSeq'] as number,
    // The logger drops null attributes: no `snapshot` means it replayed from the start.
    snapshot: (entry['snapshot'] as number | undefined) ?? null,
    stateHash: entry['stateHash'] as string,
    uninterrupted: hashAt.get(entry['recordSeq'] as number),
  }));
}
