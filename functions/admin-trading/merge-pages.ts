import { ValidationError } from '../../shared/domain/errors';
import { decodeJson, encodeCursor } from '../../shared/aws/page-cursor';

/** One newest-first source of a merged listing (one market's index partition). */
export interface MergeSource {
  readonly name: string;
  fetch(
    startKey: Record<string, unknown> | undefined,
    limit: number,
  ): Promise<{ items: Record<string, unknown>[]; lastKey: Record<string, unknown> | undefined }>;
}

const invalid = () =>
  new ValidationError([{ field: 'cursor', in: 'query', message: 'Invalid cursor' }]);

/**
 * Merges newest-first pages of several partitions into one page of `limit`, by `sortKey`
 * descending. The cursor keeps each source's position: the key of the last item taken from it,
 * where the source stopped reading when every item it answered was taken (so rows a filter
 * excluded are never read again, even on a page that took none), `null` once it is exhausted.
 * Each source is asked for `limit` items, so nothing is skipped; with a selective filter a later
 * page can hold an item newer than one already shown from another source.
 */
export async function mergeNewestFirst(
  sources: readonly MergeSource[],
  limit: number,
  cursor: string | undefined,
  sortKey: (item: Record<string, unknown>) => string,
  keyOf: (item: Record<string, unknown>) => Record<string, string>,
): Promise<{ items: Record<string, unknown>[]; nextCursor: string | null }> {
  const positions = cursor === undefined ? {} : decodeJson(cursor);
  if (Object.keys(positions).some((name) => !sources.some((s) => s.name === name))) {
    throw invalid();
  }
  const pages = await Promise.all(
    sources.map(async (source) => {
      const position = positions[source.name];
      if (position === null) return { source, items: [], lastKey: undefined, done: true };
      if (position !== undefined && (typeof position !== 'object' || Array.isArray(position))) {
        throw invalid();
      }
      const page = await source.fetch(position as Record<string, unknown> | undefined, limit);
      return { source, ...page, done: false };
    }),
  );
  const merged = pages
    .flatMap((page) => page.items.map((item) => ({ name: page.source.name, item })))
    .sort((a, b) => (sortKey(a.item) < sortKey(b.item) ? 1 : -1))
    .slice(0, limit);
  const next: Record<string, unknown> = {};
  for (const page of pages) {
    const taken = merged.filter((entry) => entry.name === page.source.name);
    const last = taken.at(-1);
    if (page.done) next[page.source.name] = null;
    else if (taken.length === page.items.length) next[page.source.name] = page.lastKey ?? null;
    else if (last !== undefined) next[page.source.name] = keyOf(last.item);
    else next[page.source.name] = positions[page.source.name];
  }
  const exhausted = Object.values(next).every((value) => value === null);
  return {
    items: merged.map((entry) => entry.item),
    nextCursor: exhausted ? null : encodeCursor(next),
  };
}
