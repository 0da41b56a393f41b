/**
 * The sort-key condition of a Query, so a page cursor can be checked against it: DynamoDB
 * refuses an `ExclusiveStartKey` outside the condition with a ValidationException, which a
 * cursor from another list or another time range would otherwise turn into a 500.
 */
export type SortKeyRange =
  | { readonly name: string; readonly prefix: string }
  | { readonly name: string; readonly lower: string; readonly upper: string };

/** Whether `key` has a string `range.name` that the condition admits. */
export function withinSortKeyRange(
  key: Readonly<Record<string, unknown>>,
  range: SortKeyRange,
): boolean {
  const value = key[range.name];
  if (typeof value !== 'string') return false;
  if ('prefix' in range) return value.startsWith(range.prefix);
  return range.lower <= value && value <= range.upper;
}
