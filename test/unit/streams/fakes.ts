import type {
  ConnectionLimits,
  ConnectionPoster,
  ConnectionRecord,
  ConnectionStore,
  EventLog,
  SeqCommit,
  StoredEvent,
  StreamDeps,
} from '../../../functions/streams/ports';

/** Connections in memory, with the same limit semantics as the DynamoDB store. */
export class InMemoryConnections implements ConnectionStore {
  readonly records = new Map<string, ConnectionRecord>();
  readonly subs = new Map<string, Map<string, string>>();

  async open(record: ConnectionRecord, _expiresAt?: number, limits?: ConnectionLimits) {
    if (record.rejected === null && limits !== undefined) {
      const live = [...this.records.values()].filter((r) => r.rejected === null);
      const mine = live.filter((r) => record.userId !== null && r.userId === record.userId);
      const address = live.filter((r) => r.ip === record.ip);
      if (mine.length >= limits.perUser || address.length >= limits.perIp) return 'limit' as const;
    }
    this.records.set(record.connectionId, record);
    this.subs.set(record.connectionId, new Map());
    return 'opened' as const;
  }
  async get(connectionId: string) {
    return this.records.get(connectionId);
  }
  async subscribe(
    connectionId: string,
    channel: string,
    key: string,
    max: number,
    _expiresAt?: number,
  ) {
    const mine = this.subs.get(connectionId)!;
    if (mine.has(channel)) return 'exists' as const;
    if (mine.size >= max) return 'limit' as const;
    mine.set(channel, key);
    return 'added' as const;
  }
  async unsubscribe(connectionId: string, channel: string) {
    return this.subs.get(connectionId)?.delete(channel) ?? false;
  }
  async channels(connectionId: string) {
    return [...(this.subs.get(connectionId)?.keys() ?? [])];
  }
  async subscribers(key: string) {
    return [...this.subs].filter(([, mine]) => [...mine.values()].includes(key)).map(([id]) => id);
  }
  async all() {
    return [...this.records.values()]
      .filter((r) => r.rejected === null)
      .map(({ connectionId, userId, sessionId }) => ({ connectionId, userId, sessionId }));
  }
  async remove(connectionId: string) {
    this.records.delete(connectionId);
    this.subs.delete(connectionId);
  }
}

/**
 * The event log in memory. `interfere` runs before a commit checks its condition, to play a
 * concurrent writer; commits honour the same conditions as the DynamoDB transaction.
 */
export class InMemoryEventLog implements EventLog {
  readonly counters = new Map<string, number>();
  readonly events = new Map<string, StoredEvent[]>();
  readonly sources = new Map<string, number>();
  interfere: ((commit: SeqCommit) => void) | undefined;

  async current(userId: string, channel: string) {
    return this.counters.get(`${userId}#${channel}`) ?? 0;
  }
  async commit(commit: SeqCommit) {
    this.interfere?.(commit);
    const key = `${commit.userId}#${commit.channel}`;
    if (this.sources.has(commit.sourceId)) return 'duplicate' as const;
    if ((this.counters.get(key) ?? 0) !== commit.previous) return 'conflict' as const;
    const seq = commit.previous + 1;
    this.counters.set(key, seq);
    this.sources.set(commit.sourceId, seq);
    this.events.set(key, [...(this.events.get(key) ?? []), { ...commit.event, seq }]);
    return 'committed' as const;
  }
  async seqOfSource(sourceId: string) {
    return this.sources.get(sourceId);
  }
  async since(userId: string, channel: string, fromSeq: number) {
    const kept = this.events.get(`${userId}#${channel}`) ?? [];
    return { events: kept.filter((e) => e.seq > fromSeq), oldestKept: kept[0]?.seq };
  }
}

/** Records every post; connections in `gone` answer as API Gateway does for a closed one. */
export class RecordingPoster implements ConnectionPoster {
  readonly posts: { connectionId: string; message: Record<string, unknown> }[] = [];
  readonly closed: string[] = [];
  readonly gone = new Set<string>();

  async post(connectionId: string, message: unknown) {
    if (this.gone.has(connectionId)) return false;
    this.posts.push({ connectionId, message: message as Record<string, unknown> });
    return true;
  }
  async close(connectionId: string) {
    this.closed.push(connectionId);
  }
  to(connectionId: string) {
    return this.posts.filter((p) => p.connectionId === connectionId).map((p) => p.message);
  }
}

export const streamWorld = (limits: Partial<StreamDeps['limits']> = {}) => {
  const connections = new InMemoryConnections();
  const events = new InMemoryEventLog();
  const poster = new RecordingPoster();
  const deps: StreamDeps = {
    connections,
    events,
    poster,
    limits: {
      connectionsPerUser: 2,
      connectionsPerIp: 3,
      subscriptionsPerConnection: 3,
      ...limits,
    },
    nowMs: () => Date.parse('2026-11-24T12:00:00Z'),
  };
  return { deps, connections, events, poster };
};
