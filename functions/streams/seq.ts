import type { EventLog, StoredEvent } from './ports';

/** How often a commit is retried when another writer took the next seq first. */
const MAX_ATTEMPTS = 20;

/** The seq an event was stored under, and whether it had been stored before (a redelivery). */
export interface Allocation {
  readonly seq: number;
  readonly redelivered: boolean;
}

/**
 * Gives a private event the next seq of its account and channel and stores it, gap-free:
 * the counter moves only in the transaction that stores the event, conditioned on the value
 * read. A concurrent writer makes the condition fail and the read is repeated; a redelivered
 * stream record (same `sourceId`) stores nothing and answers the seq it got the first time.
 */
export async function allocateSeq(
  log: EventLog,
  input: { userId: string; channel: string; sourceId: string; event: Omit<StoredEvent, 'seq'> },
): Promise<Allocation> {
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
    const previous = await log.current(input.userId, input.channel);
    const outcome = await log.commit({ ...input, previous });
    if (outcome === 'committed') return { seq: previous + 1, redelivered: false };
    if (outcome === 'duplicate') {
      const seq = await log.seqOfSource(input.sourceId);
      if (seq !== undefined) return { seq, redelivered: true };
    }
  }
  throw new Error(`no seq for ${input.channel} of ${input.userId} after ${MAX_ATTEMPTS} attempts`);
}
