/**
 * Key design of the Trading table (pk, sk; gsi1 and gsi2 overloaded by prefix; TTL in
 * `expires_at`, epoch seconds). The API writes these items and the matching service's
 * settlement writes the same ones, so both build keys here.
 *
 * | pk                    | sk                                   | item                        |
 * | --------------------- | ------------------------------------ | --------------------------- |
 * | `ACCOUNT#<user>`      | `BALANCE#<asset>`                    | balance; gsi1 `BALANCES#<asset>#<shard>` / `<user>` |
 * | `ACCOUNT#<user>`      | `LEDGER#<iso>#<entry id>`            | one ledger entry            |
 * | `ACCOUNT#<user>`      | `ORDER#<order id>`                   | order; gsi1 `OPEN#<user>` / `ORDER#<id>` while open; gsi2 `ORDERS#<symbol>` / `<id>` |
 * | `ACCOUNT#<user>`      | `CLIENT_ORDER#<client order id>`     | idempotency guard (TTL 24 h) |
 * | `ACCOUNT#<user>`      | `OPEN_ORDERS`                        | open-order counter          |
 * | `ACCOUNT#<user>`      | `TRADE#<iso>#<trade id>#<role>`      | the account's side of a fill; gsi2 `TRADES#<symbol>` / `<iso>#<trade id>` (taker side only) |
 * | `ACCOUNT#<user>`      | `WITHDRAWAL#<id>`                    | withdrawal; gsi1 `WITHDRAWALS#<status>` / `<iso>#<id>` |
 * | `ACCOUNT#<user>`      | `DAILY#<kind>#<asset>#<yyyy-mm-dd>`  | faucet / withdrawal day totals (TTL 3 days) |
 * | `ACCOUNT#FEES-<shard>` | `BALANCE#<asset>`, `LEDGER#…`       | a matching shard's fee account |
 * | `WITHDRAWAL#<id>`     | `WITHDRAWAL`                         | pointer: withdrawal → user  |
 * | `OUTBOX#<symbol>`     | `<iso>#<command id>`                 | a command not yet on the queue |
 * | `SYSTEM`              | `COUNTER#<asset>`                    | deposits / withdrawals totals |
 * | `SYSTEM`              | `CURSOR#<name>`                      | a consumer's position       |
 * | `MARKET`              | `MARKET#<symbol>`                    | market (status at run time) |
 */
export interface ItemKey {
  readonly pk: string;
  readonly sk: string;
}

/** The single fee account from before matching shards; still counted, no longer credited. */
export const FEES_ACCOUNT = 'FEES';

/**
 * The account that collects the fees of one matching shard's trades: `FEES-<shard id>`. One per
 * shard, so each shard's settlement is the only writer of its fee balances and two shards never
 * contend for one item.
 */
export const feesAccountOf = (shardId: string): string => `${FEES_ACCOUNT}-${shardId}`;

/** Whether an account id is a fee account (a shard's, or the one from before shards): not a user. */
export const isFeesAccount = (userId: string): boolean =>
  userId === FEES_ACCOUNT || userId.startsWith(`${FEES_ACCOUNT}-`);

export const accountPk = (userId: string): string => `ACCOUNT#${userId}`;
export const BALANCE_PREFIX = 'BALANCE#';
export const LEDGER_PREFIX = 'LEDGER#';
export const ORDER_PREFIX = 'ORDER#';
export const TRADE_PREFIX = 'TRADE#';
export const WITHDRAWAL_PREFIX = 'WITHDRAWAL#';

export const balanceKey = (userId: string, asset: string): ItemKey => ({
  pk: accountPk(userId),
  sk: `${BALANCE_PREFIX}${asset}`,
});
export const ledgerKey = (userId: string, at: string, entryId: string): ItemKey => ({
  pk: accountPk(userId),
  sk: `${LEDGER_PREFIX}${at}#${entryId}`,
});
export const orderKey = (userId: string, orderId: string): ItemKey => ({
  pk: accountPk(userId),
  sk: `${ORDER_PREFIX}${orderId}`,
});
export const clientOrderKey = (userId: string, clientOrderId: string): ItemKey => ({
  pk: accountPk(userId),
  sk: `CLIENT_ORDER#${clientOrderId}`,
});
export const openOrdersKey = (userId: string): ItemKey => ({
  pk: accountPk(userId),
  sk: 'OPEN_ORDERS',
});
export const tradeKey = (
  userId: string,
  executedAt: string,
  tradeId: string,
  role: 'MAKER' | 'TAKER',
): ItemKey => ({ pk: accountPk(userId), sk: `${TRADE_PREFIX}${executedAt}#${tradeId}#${role}` });
export const withdrawalKey = (userId: string, withdrawalId: string): ItemKey => ({
  pk: accountPk(userId),
  sk: `${WITHDRAWAL_PREFIX}${withdrawalId}`,
});
export const withdrawalPointerKey = (withdrawalId: string): ItemKey => ({
  pk: `${WITHDRAWAL_PREFIX}${withdrawalId}`,
  sk: 'WITHDRAWAL',
});
export type DailyKind = 'FAUCET' | 'WITHDRAWN';
export const dailyKey = (userId: string, kind: DailyKind, asset: string, day: string): ItemKey => ({
  pk: accountPk(userId),
  sk: `DAILY#${kind}#${asset}#${day}`,
});
export const outboxPk = (symbol: string): string => `OUTBOX#${symbol}`;
export const outboxKey = (symbol: string, issuedAt: string, commandId: string): ItemKey => ({
  pk: outboxPk(symbol),
  sk: `${issuedAt}#${commandId}`,
});
export const SYSTEM_PK = 'SYSTEM';
export const counterKey = (asset: string): ItemKey => ({ pk: SYSTEM_PK, sk: `COUNTER#${asset}` });
export const cursorKey = (name: string): ItemKey => ({ pk: SYSTEM_PK, sk: `CURSOR#${name}` });
export const marketKey = (symbol: string): ItemKey => ({ pk: 'MARKET', sk: `MARKET#${symbol}` });

/** gsi1: a user's open orders, oldest first by id. */
export const openOrdersIndexPk = (userId: string): string => `OPEN#${userId}`;
/** gsi2: every order of a market, by id (time). */
export const symbolOrdersIndexPk = (symbol: string): string => `ORDERS#${symbol}`;
/** gsi2: every trade of a market once (on the taker's copy), by execution time. */
export const symbolTradesIndexPk = (symbol: string): string => `TRADES#${symbol}`;
/** gsi1: withdrawals by status, by creation time. */
export const withdrawalsIndexPk = (status: string): string => `WITHDRAWALS#${status}`;

/**
 * gsi1: balances of one asset across accounts, spread over {@link BALANCE_SHARDS} partitions so
 * the index never concentrates every balance write of an asset on one partition. The
 * conservation check sums them.
 */
export const BALANCE_SHARDS = 16;
export const balancesIndexPk = (asset: string, shard: number): string =>
  `BALANCES#${asset}#${shard}`;

/** FNV-1a of the user id, modulo the shard count: stable, cheap, evenly spread. */
export function balanceShard(userId: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < userId.length; i += 1) {
    hash ^= userId.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash % BALANCE_SHARDS;
}

/** The UTC day `yyyy-mm-dd` of an ISO timestamp, for the daily totals. */
export const utcDay = (iso: string): string => iso.slice(0, 10);
