import type { StreamErrorCode } from './protocol';

/** One WebSocket connection as `$connect` recorded it. */
export interface ConnectionRecord {
  readonly connectionId: string;
  /** The verified user, or null for an anonymous connection. */
  readonly userId: string | null;
  /** The login session the connect token belongs to (null when anonymous or refused). */
  readonly sessionId: string | null;
  readonly ip: string;
  readonly connectedAt: string;
  /** Set when the connection must be told why and closed (bad token, over a limit). */
  readonly rejected: StreamErrorCode | null;
}

/** Open connections allowed per user and per source address. */
export interface ConnectionLimits {
  readonly perUser: number;
  readonly perIp: number;
}

/** An open connection as the heartbeat sees it. */
export type OpenConnection = Pick<ConnectionRecord, 'connectionId' | 'userId' | 'sessionId'>;

export type SubscribeOutcome = 'added' | 'exists' | 'limit';

/** Connections, their subscriptions and the per-user and per-address indexes. */
export interface ConnectionStore {
  /**
   * Records the connection. An accepted one also takes a free slot of its user and of its
   * address in one transaction with conditional writes, so concurrent connects cannot exceed
   * the limits: 'limit' (nothing written) when either has none left. A refused one is only
   * recorded, to be told why and closed.
   */
  open(
    record: ConnectionRecord,
    expiresAtSeconds: number,
    limits: ConnectionLimits,
  ): Promise<'opened' | 'limit'>;
  get(connectionId: string): Promise<ConnectionRecord | undefined>;
  /** Adds a subscription unless the connection already holds `max` (conditional counter). */
  subscribe(
    connectionId: string,
    channel: string,
    key: string,
    max: number,
    expiresAtSeconds: number,
  ): Promise<SubscribeOutcome>;
  unsubscribe(connectionId: string, channel: string): Promise<boolean>;
  channels(connectionId: string): Promise<string[]>;
  /** Connection ids subscribed to a channel key (see `channelKey`). */
  subscribers(key: string): Promise<string[]>;
  /** Every open connection, with whom it speaks for (heartbeats). */
  all(): Promise<OpenConnection[]>;
  /** Removes the connection, its subscriptions and its index entries. */
  remove(connectionId: string): Promise<void>;
}

/** A private event as kept for resume. */
export interface StoredEvent {
  readonly seq: number;
  readonly event: string;
  readonly data: unknown;
  readonly at: string;
}

/** What one commit of a private event does; see `allocateSeq`. */
export interface SeqCommit {
  readonly userId: string;
  readonly channel: string;
  /** The stream record's id: a redelivered record commits nothing. */
  readonly sourceId: string;
  readonly previous: number;
  readonly event: Omit<StoredEvent, 'seq'>;
}

/**
 * The per-account, per-channel event log. `commit` writes, in one transaction, the counter
 * (`previous` → `previous + 1`, conditioned on `previous`), the event under that seq and a
 * marker for `sourceId`; it answers why it did not.
 */
export interface EventLog {
  current(userId: string, channel: string): Promise<number>;
  commit(commit: SeqCommit): Promise<'committed' | 'conflict' | 'duplicate'>;
  /** The seq a source record was committed under, when it was. */
  seqOfSource(sourceId: string): Promise<number | undefined>;
  /** Events after `fromSeq`, oldest first, and the oldest seq still kept (undefined if none). */
  since(
    userId: string,
    channel: string,
    fromSeq: number,
  ): Promise<{ events: StoredEvent[]; oldestKept: number | undefined }>;
}

/** Posts to connections through the API Gateway Management API (or the local gateway). */
export interface ConnectionPoster {
  /** False when the connection is gone. */
  post(connectionId: string, message: unknown): Promise<boolean>;
  close(connectionId: string): Promise<void>;
}

/** Verifies an access token as the HTTP authorizer does. */
export interface TokenAuthenticator {
  authenticate(token: string): Promise<{ userId: string; sessionId: string } | undefined>;
}

/** Whether a login session still stands: not revoked or expired, its account active. */
export interface SessionCheck {
  stands(userId: string, sessionId: string): Promise<boolean>;
}

export interface StreamLimits {
  readonly connectionsPerUser: number;
  readonly connectionsPerIp: number;
  readonly subscriptionsPerConnection: number;
}

export interface StreamDeps {
  readonly connections: ConnectionStore;
  readonly poster: ConnectionPoster;
  readonly events: EventLog;
  readonly limits: StreamLimits;
  readonly nowMs: () => number;
}
