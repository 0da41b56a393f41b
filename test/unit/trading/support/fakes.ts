import { ConflictError, InsufficientBalanceError } from '../../../../shared/domain/errors';
import { markets, type Market } from '../../../../shared/domain/markets';
import type { Logger } from '../../../../shared/logging/logger';
import type { OrderCommand } from '../../../../shared/contracts/commands';
import { uuidV7 } from '../../../../shared/trading/ids';
import type {
  ClientOrderItem,
  OrderItem,
  OutboxItem,
} from '../../../../shared/trading/order-items';
import type { AccountProfile, AccountProfiles } from '../../../../functions/balances/ports';
import type { BookTop, BookTops } from '../../../../shared/trading/book-top';
import type {
  CommandQueue,
  MarketRegistry,
  OrderDeps,
  OrderStore,
  Outbox,
  PlaceIntent,
} from '../../../../functions/orders/ports';
import { InMemoryAuditLog } from '../../../support/fakes/in-memory-audit-log';

/** Order-side fakes with the same observable rules as the DynamoDB adapters. */

export const silentLogger = {
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  debug: () => undefined,
} as unknown as Logger;

export class FakeClock {
  constructor(public current = new Date('2026-03-01T12:00:00.000Z')) {}
  now = (): Date => new Date(this.current);
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}

export class FakeProfiles implements AccountProfiles {
  readonly profiles = new Map<string, AccountProfile>();
  async get(userId: string): Promise<AccountProfile> {
    return (
      this.profiles.get(userId) ?? { status: 'ACTIVE', kycLevel: 0, feeTier: 1, mfaEnabled: false }
    );
  }
}

export class FakeMarkets implements MarketRegistry {
  readonly statuses = new Map<string, Market['status']>();
  async get(symbol: string) {
    const market = markets.find((m) => m.symbol === symbol);
    return market && { ...market, status: this.statuses.get(symbol) ?? market.status };
  }
  async all() {
    return Promise.all(markets.map(async (m) => (await this.get(m.symbol))!));
  }
}

export class FakeBooks implements BookTops {
  readonly tops = new Map<string, BookTop>();
  async top(symbol: string) {
    return this.tops.get(symbol);
  }
}

export class FakeQueue implements CommandQueue {
  readonly sent: OrderCommand[] = [];
  failing = false;
  /** Every send, failed or not. */
  attempts = 0;
  async send(command: OrderCommand): Promise<void> {
    this.attempts += 1;
    if (this.failing) throw new Error('queue unavailable');
    this.sent.push(command);
  }
}

/** Orders, balances (available/locked per user and asset), guards and the outbox in memory. */
export class FakeOrderStore implements OrderStore, Outbox {
  readonly orders = new Map<string, OrderItem>();
  readonly guards = new Map<string, ClientOrderItem>();
  readonly outbox = new Map<string, OutboxItem>();
  readonly balances = new Map<string, { available: bigint; locked: bigint }>();
  openCount = 0;

  fund(userId: string, asset: string, available: bigint): void {
    this.balances.set(`${userId}/${asset}`, { available, locked: 0n });
  }
  balance(userId: string, asset: string) {
    return this.balances.get(`${userId}/${asset}`) ?? { available: 0n, locked: 0n };
  }

  async get(userId: string, orderId: string) {
    const order = this.orders.get(orderId);
    return order?.user_id === userId ? order : undefined;
  }
  async findClientOrder(userId: string, clientOrderId: string) {
    return this.guards.get(`${userId}/${clientOrderId}`);
  }
  async place(intent: PlaceIntent) {
    const { order } = intent;
    if (
      order.client_order_id !== null &&
      this.guards.has(`${order.user_id}/${order.client_order_id}`)
    ) {
      return 'client_order_id_taken' as const;
    }
    const balance = this.balance(order.user_id, order.lock_asset);
    if (balance.available < order.locked) throw new InsufficientBalanceError('Insufficient');
    if (this.openCount >= intent.maxOpenOrders) throw new ConflictError('Too many open orders');
    this.balances.set(`${order.user_id}/${order.lock_asset}`, {
      available: balance.available - order.locked,
      locked: balance.locked + order.locked,
    });
    this.openCount += 1;
    this.orders.set(order.id, order);
    this.outbox.set(intent.outbox.sk, intent.outbox);
    if (intent.clientOrder !== undefined) {
      this.guards.set(`${order.user_id}/${order.client_order_id}`, intent.clientOrder);
    }
    return 'placed' as const;
  }
  async requestCancel(order: OrderItem, outbox: OutboxItem, at: string) {
    const current = this.orders.get(order.id)!;
    if (!['PENDING', 'PARTIAL'].includes(current.status)) throw new ConflictError('final');
    if (current.cancel_requested) return { order: current, requested: false };
    const updated = { ...current, cancel_requested: true, updated_at: at };
    this.orders.set(order.id, updated);
    this.outbox.set(outbox.sk, outbox);
    return { order: updated, requested: true };
  }
  async list() {
    return { items: [...this.orders.values()], nextCursor: null };
  }
  active = this.list;
  history = this.list;
  async allOpen(userId: string) {
    return [...this.orders.values()].filter(
      (o) => o.user_id === userId && ['PENDING', 'PARTIAL'].includes(o.status),
    );
  }

  async due(symbol: string, beforeIso: string) {
    return [...this.outbox.values()]
      .filter((entry) => entry.symbol === symbol && entry.sk < beforeIso)
      .sort((a, b) => (a.sk < b.sk ? -1 : 1));
  }
  async delivered(entry: OutboxItem) {
    this.outbox.delete(entry.sk);
    const order = this.orders.get(entry.order_id);
    if (entry.kind === 'place' && order) this.orders.set(order.id, { ...order, dispatch: 'SENT' });
  }
  async attempted(entry: OutboxItem) {
    const current = this.outbox.get(entry.sk);
    if (current) this.outbox.set(entry.sk, { ...current, attempts: current.attempts + 1 });
  }
  async drop(entry: OutboxItem) {
    this.outbox.delete(entry.sk);
  }
}

/** Everything placing, cancelling and reconciling need, wired to fakes. */
export function orderFakes() {
  const clock = new FakeClock();
  const store = new FakeOrderStore();
  const queue = new FakeQueue();
  const audit = new InMemoryAuditLog();
  const profiles = new FakeProfiles();
  const marketsFake = new FakeMarkets();
  const books = new FakeBooks();
  const deps: OrderDeps = {
    markets: marketsFake,
    books,
    profiles,
    orders: store,
    outbox: store,
    queue,
    audit,
    clock,
    newId: () => uuidV7(clock.now().getTime()),
    logger: silentLogger,
    settings: {
      marketBuyProtectionPpm: 50_000,
      commandTtlMs: 120_000,
      resendAfterMs: 5_000,
    },
  };
  return { deps, clock, store, queue, audit, profiles, markets: marketsFake, books };
}
