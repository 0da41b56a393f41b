/**
 * DynamoDB tables of the product: one definition used by the CDK stateful stack and by the
 * local stack's provisioning, so the two can never drift. All key attributes are strings.
 */
export interface GlobalIndexDefinition {
  readonly name: string;
  readonly partitionKey: string;
  readonly sortKey?: string;
}

export interface TableDefinition {
  /** Stable CDK construct id; also the local table name. Never rename: it is stateful. */
  readonly id: string;
  /** Environment variable that carries the table name to the code that uses it. */
  readonly envVar: string;
  readonly partitionKey: string;
  readonly sortKey?: string;
  readonly globalIndexes: readonly GlobalIndexDefinition[];
  /** Attribute holding an epoch-seconds expiry; DynamoDB deletes expired items. */
  readonly ttlAttribute?: string;
  /** What lives here, for the README and the reader of the stack. */
  readonly purpose: string;
}

const gsi = (n: 1 | 2): GlobalIndexDefinition => ({
  name: `gsi${n}`,
  partitionKey: `gsi${n}pk`,
  sortKey: `gsi${n}sk`,
});

export const tables = {
  users: {
    id: 'Users',
    envVar: 'USERS_TABLE',
    partitionKey: 'pk',
    sortKey: 'sk',
    globalIndexes: [gsi(1), gsi(2)],
    ttlAttribute: 'expires_at',
    purpose: 'profiles, preferences, status history, sessions, activity, login throttles',
  },
  vault: {
    id: 'Vault',
    envVar: 'VAULT_TABLE',
    partitionKey: 'pk',
    sortKey: 'sk',
    globalIndexes: [],
    purpose: 'envelope-encrypted exchange API credentials (reachable only by vault functions)',
  },
  trading: {
    id: 'Trading',
    envVar: 'TRADING_TABLE',
    partitionKey: 'pk',
    sortKey: 'sk',
    globalIndexes: [gsi(1), gsi(2)],
    ttlAttribute: 'expires_at',
    purpose: 'markets, orders, balances, ledger, trades, withdrawals, idempotency, outbox',
  },
  journal: {
    id: 'Journal',
    envVar: 'JOURNAL_TABLE',
    partitionKey: 'pk',
    sortKey: 'sk',
    globalIndexes: [],
    purpose: 'matching journal per symbol, book snapshots, engine leases and heartbeats',
  },
  marketData: {
    id: 'MarketData',
    envVar: 'MARKET_DATA_TABLE',
    partitionKey: 'pk',
    sortKey: 'sk',
    globalIndexes: [],
    ttlAttribute: 'expires_at',
    purpose: 'depth, recent trades, tickers, candles and stream events from the engine',
  },
  audit: {
    id: 'Audit',
    envVar: 'AUDIT_TABLE',
    partitionKey: 'pk',
    sortKey: 'sk',
    globalIndexes: [gsi(1), gsi(2)],
    purpose: 'hash-chained audit records, chain heads and signed checkpoints',
  },
  rateLimits: {
    id: 'RateLimits',
    envVar: 'RATE_LIMITS_TABLE',
    partitionKey: 'pk',
    globalIndexes: [],
    ttlAttribute: 'expires_at',
    purpose: 'fixed-window rate-limit counters and signature replay cache',
  },
  streams: {
    id: 'Streams',
    envVar: 'STREAMS_TABLE',
    partitionKey: 'pk',
    sortKey: 'sk',
    globalIndexes: [gsi(1)],
    ttlAttribute: 'expires_at',
    purpose:
      'WebSocket connections and subscriptions, per-account private event logs (24 h) and their sequence counters',
  },
} as const satisfies Record<string, TableDefinition>;

export type TableKey = keyof typeof tables;

export const tableList: readonly TableDefinition[] = Object.values(tables);
