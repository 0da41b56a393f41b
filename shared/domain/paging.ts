/** A page of results and the opaque cursor of the next one (null on the last page). */
export interface Page<T> {
  readonly items: readonly T[];
  readonly nextCursor: string | null;
}

/** What a list use case is asked for: a page size and where the previous page ended. */
export interface PageRequest {
  readonly limit: number;
  readonly cursor?: string | undefined;
}
