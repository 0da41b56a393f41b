/** The tail of each key's queue of movements in this process. */
const tails = new Map<string, Promise<void>>();

/**
 * Runs `work` once every earlier call in this process that shares one of `keys` has finished,
 * so concurrent movements of one account in one process (the local gateway serves every
 * request in one process; a warm Lambda container one at a time) take turns instead of
 * cancelling each other's transactions (`TransactionConflict`) and retrying. Keys are taken in
 * sorted order, so two calls can never wait for each other. Other processes still race, and
 * the versioned writes keep that correct; this only avoids the self-inflicted retries.
 */
export async function inTurn<T>(keys: readonly string[], work: () => Promise<T>): Promise<T> {
  const unique = [...new Set(keys)].sort();
  let release!: () => void;
  const done = new Promise<void>((resolve) => (release = resolve));
  const before = unique.map((key) => tails.get(key) ?? Promise.resolve());
  for (const key of unique) tails.set(key, done);
  try {
    await Promise.all(before);
    return await work();
  } finally {
    release();
    for (const key of unique) if (tails.get(key) === done) tails.delete(key);
  }
}
