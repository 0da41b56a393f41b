/**
 * The last `capacity` command ids, for recognising a redelivered message (SQS FIFO only
 * de-duplicates for five minutes, and a crash between journaling and deleting redelivers the
 * batch). Insertion order is eviction order, so the memory is bounded and a restore rebuilds
 * exactly the same set.
 */
export class RecentIds {
  private readonly ids = new Set<string>();

  constructor(private readonly capacity: number) {}

  has(id: string): boolean {
    return this.ids.has(id);
  }

  add(id: string): void {
    if (this.ids.has(id)) return;
    this.ids.add(id);
    if (this.ids.size > this.capacity) {
      const oldest = this.ids.values().next().value;
      if (oldest !== undefined) this.ids.delete(oldest);
    }
  }

  /** Oldest first, for snapshots. */
  list(): string[] {
    return [...this.ids];
  }
}
