import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand,
  TransactWriteCommand,
  type BatchGetCommandOutput,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import { randomUUID } from 'node:crypto';
import { findMarket } from '../../../shared/domain/markets';
import type { Logger } from '../../../shared/logging/logger';
import { balanceItemSchema } from '../../../shared/trading/balance-items';
import {
  balanceWrites,
  emptyBalance,
  type BalanceSnapshot,
  type TransactItem,
} from '../../../shared/trading/balance-writes';
import { balanceKey, orderKey, type ItemKey } from '../../../shared/trading/keys';
import { marketUnits } from '../../../shared/trading/market-units';
import { orderItemSchema, type OrderItem } from '../../../shared/trading/order-items';
import type { JournalRecord } from '../journal/record';
import { planSettlement } from './plan';
import type { SettlementEvent, SettlementMarket } from './types';
import { settlementEventsOf, type Settler } from './settler';

/** DynamoDB's limit of items in one TransactWriteItems. */
const MAX_TRANSACTION_ITEMS = 100;
const MAX_ATTEMPTS = 20;
/** Orders and balances remembered between records (the hot ones: resting orders, fee account). */
const CACHE_LIMIT = 200_000;

const pause = (attempt: number) =>
  new Promise((done) => setTimeout(done, Math.min(1_000, 5 * 2 ** Math.min(attempt, 8))));

const balanceId = (userId: string, asset: string) => `${userId}\u0000${asset}`;

/** Insertion-ordered map that forgets its oldest entries beyond a limit. */
class BoundedCache<V> extends Map<string, V> {
  constructor(private readonly limit: number) {
    super();
  }

  override set(key: string, value: V): this {
    super.delete(key);
    super.set(key, value);
    if (this.size > this.limit) {
      for (const oldest of this.keys()) {
        super.delete(oldest);
        if (this.size <= this.limit * 0.9) break;
      }
    }
    return this;
  }
}

/**
 * Settles journal records into the Trading table, one transaction per record (split when it
 * would exceed DynamoDB's 100 items) after one batch read. Open orders and the shard's fee
 * account's balances are cached between records — settlement is their only writer of what it
 * uses —
 * and every write is conditioned on what was read (order `settled_seq`, balance `version`):
 * when something changed meanwhile, the transaction fails, the cache is dropped, and the run
 * is re-read and re-planned, which skips whatever was already settled. So retries and replays
 * never pay twice.
 */
export class DynamoSettlement implements Settler {
  private readonly orders: BoundedCache<OrderItem>;
  private readonly fees = new Map<string, BalanceSnapshot>();
  private readonly markets = new Map<string, SettlementMarket | null>();

  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly logger: Logger,
    /** This shard's fee account (`feesAccountOf`): only this settlement writes it. */
    private readonly feesAccount: string,
    /** Open orders kept between records; the oldest are forgotten beyond it. */
    cacheLimit = CACHE_LIMIT,
  ) {
    this.orders = new BoundedCache<OrderItem>(cacheLimit);
  }

  async settle(records: readonly JournalRecord[]): Promise<void> {
    const symbol = records[0]?.symbol;
    const events = records.flatMap(settlementEventsOf);
    if (symbol === undefined || events.length === 0) return;
    const market = this.marketOf(symbol);
    if (market === undefined) {
      this.logger.error('settlement skipped: unknown market', { symbol });
      return;
    }
    await this.settleRun(market, events);
  }

  private marketOf(symbol: string): SettlementMarket | undefined {
    if (!this.markets.has(symbol)) {
      const market = findMarket(symbol);
      this.markets.set(
        symbol,
        market === undefined
          ? null
          : {
              units: marketUnits(market),
              tableName: this.tableName,
              feesAccount: this.feesAccount,
            },
      );
    }
    return this.markets.get(symbol) ?? undefined;
  }

  private async settleRun(market: SettlementMarket, events: SettlementEvent[]): Promise<void> {
    for (let attempt = 1; ; attempt += 1) {
      const { orders, balances } = await this.load(market, events);
      const plan = planSettlement(
        { ...market, settledAt: new Date().toISOString() },
        events,
        orders,
      );
      for (const anomaly of plan.anomalies) {
        this.logger.error('settlement anomaly', { symbol: market.units.market.symbol, ...anomaly });
      }
      if (plan.items.length === 0 && plan.moves.length === 0) return;
      const at = new Date(events.reduce((latest, e) => Math.max(latest, e.at), 0)).toISOString();
      const writes: TransactItem[] = [];
      const after: BalanceSnapshot[] = [];
      for (const move of plan.moves) {
        const snapshot =
          balances.get(balanceId(move.userId, move.asset)) ?? emptyBalance(move.userId, move.asset);
        const built = balanceWrites(this.tableName, snapshot, move.changes, at);
        writes.push(...built.items);
        after.push(built.after);
      }
      const items = [...writes, ...plan.items];
      if (items.length > MAX_TRANSACTION_ITEMS) {
        if (events.length === 1) throw new Error('one event needs more than 100 writes');
        const half = Math.ceil(events.length / 2);
        await this.settleRun(market, events.slice(0, half));
        await this.settleRun(market, events.slice(half));
        return;
      }
      try {
        await this.db.send(
          new TransactWriteCommand({ TransactItems: items, ClientRequestToken: randomUUID() }),
        );
      } catch (error) {
        if (!(error instanceof TransactionCanceledException) || attempt >= MAX_ATTEMPTS)
          throw error;
        for (const ref of orderRefs(events)) this.orders.delete(ref.orderId);
        this.fees.clear();
        await pause(attempt);
        continue;
      }
      for (const [id, order] of plan.orders) {
        if (order.status === 'PENDING' || order.status === 'PARTIAL') this.orders.set(id, order);
        else this.orders.delete(id);
      }
      for (const balance of after) {
        if (balance.userId === this.feesAccount) this.fees.set(balance.asset, balance);
      }
      return;
    }
  }

  /**
   * Reads, in one strongly consistent batch, the orders of `events` not cached and the balances
   * they may move: both assets of every account involved (always fresh — the API changes them
   * all the time) and this shard's fee account's (cached: only this settlement writes it).
   * The run's orders are returned in a map of their own: caching what was read can evict
   * entries, and an order the run needs must not be one of them.
   */
  private async load(
    market: SettlementMarket,
    events: readonly SettlementEvent[],
  ): Promise<{ orders: Map<string, OrderItem>; balances: Map<string, BalanceSnapshot> }> {
    const refs = orderRefs(events);
    const orders = new Map<string, OrderItem>();
    for (const ref of refs) {
      const cached = this.orders.get(ref.orderId);
      if (cached !== undefined) orders.set(ref.orderId, cached);
    }
    const assets = [market.units.base.code, market.units.quote.code];
    const accounts = [...new Set(refs.map((ref) => ref.accountId))];
    const wanted = [
      ...accounts.flatMap((userId) => assets.map((asset) => ({ userId, asset }))),
      ...assets
        .filter((a) => !this.fees.has(a))
        .map((asset) => ({ userId: this.feesAccount, asset })),
    ];
    const keys = [
      ...refs
        .filter((ref) => !orders.has(ref.orderId))
        .map((r) => orderKey(r.accountId, r.orderId)),
      ...wanted.map((w) => balanceKey(w.userId, w.asset)),
    ];
    const balances = new Map<string, BalanceSnapshot>();
    for (const w of wanted)
      balances.set(balanceId(w.userId, w.asset), emptyBalance(w.userId, w.asset));
    for (const item of await this.batchGet(keys)) {
      if (item.entity === 'ORDER') {
        const order = orderItemSchema.parse(item);
        orders.set(order.id, order);
        this.orders.set(order.id, order);
        continue;
      }
      const b = balanceItemSchema.parse(item);
      balances.set(balanceId(b.user_id, b.asset), {
        userId: b.user_id,
        asset: b.asset,
        available: b.available,
        locked: b.locked,
        version: b.version,
      });
    }
    for (const asset of assets) {
      const cached = this.fees.get(asset);
      const id = balanceId(this.feesAccount, asset);
      if (cached === undefined) this.fees.set(asset, balances.get(id)!);
      else balances.set(id, cached);
    }
    return { orders, balances };
  }

  /** Strongly consistent BatchGetItem, 100 keys per call, unprocessed keys retried. */
  private async batchGet(keys: readonly ItemKey[]): Promise<Record<string, unknown>[]> {
    const unique = [...new Map(keys.map((k) => [`${k.pk}\u0000${k.sk}`, k])).values()];
    const found: Record<string, unknown>[] = [];
    for (let i = 0; i < unique.length; i += 100) {
      let pending: Record<string, unknown>[] | undefined = unique
        .slice(i, i + 100)
        .map((k) => ({ ...k }));
      for (let attempt = 1; pending !== undefined && pending.length > 0; attempt += 1) {
        const result: BatchGetCommandOutput = await this.db.send(
          new BatchGetCommand({
            RequestItems: { [this.tableName]: { Keys: pending, ConsistentRead: true } },
          }),
        );
        found.push(...(result.Responses?.[this.tableName] ?? []));
        pending = result.UnprocessedKeys?.[this.tableName]?.Keys;
        if (pending !== undefined && pending.length > 0) await pause(attempt);
      }
    }
    return found;
  }
}

/** The orders a run of events touches, each once. */
function orderRefs(events: readonly SettlementEvent[]): { orderId: string; accountId: string }[] {
  const refs = new Map<string, { orderId: string; accountId: string }>();
  const add = (orderId: string, accountId: string) => {
    if (orderId !== '' && accountId !== '') refs.set(orderId, { orderId, accountId });
  };
  for (const e of events) {
    if (e.type === 'trade') {
      add(e.takerOrderId, e.takerAccountId);
      add(e.makerOrderId, e.makerAccountId);
    } else if (e.type !== 'rested') {
      add(e.orderId, e.accountId);
    }
  }
  return [...refs.values()];
}
