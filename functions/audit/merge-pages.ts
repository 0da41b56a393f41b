import type { AuditRecord } from '../../shared/audit/audit-record';
import type { EventPage } from './ports';

/**
 * What one key-ordered stream (a chain, or an index partition) yielded for a page: its matching
 * records newest first, and, unless it was read to the end, the lowest id it evaluated.
 */
export interface StreamPage {
  readonly items: readonly AuditRecord[];
  readonly frontier?: string;
}

/**
 * Merges streams read newest first into one page. Record ids sort in global order, so the page
 * is the `limit` highest ids, but only among ids at or above every unfinished stream's frontier:
 * below it, that stream may hold records not read yet. The next page starts strictly below the
 * last record given, or below the highest frontier when the page came out short.
 */
export function mergePages(streams: readonly StreamPage[], limit: number): EventPage {
  const frontiers = streams.flatMap((s) => (s.frontier === undefined ? [] : [s.frontier]));
  const threshold =
    frontiers.length === 0 ? undefined : frontiers.reduce((a, b) => (a > b ? a : b));
  const eligible = streams
    .flatMap((s) => s.items)
    .filter((record) => threshold === undefined || record.id >= threshold)
    .sort((a, b) => (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
  const items = eligible.slice(0, limit);
  const last = items[items.length - 1];
  if (eligible.length > limit && last !== undefined) return { items, before: last.id };
  if (threshold !== undefined) return { items, before: threshold };
  return { items };
}
