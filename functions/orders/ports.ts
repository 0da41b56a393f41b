import type { BookTops } from '../../shared/trading/book-top';
import type { AuditLog } from '../../shared/audit/audit-log';
import type { OrderCommand, PlaceCommand } from '../../shared/contracts/commands';
import type { UserEvent } from '../../shared/contracts/identity-events';
import type { Market } from '../../shared/domain/markets';
import type { Logger } from '../../shared/logging/logger';
import type { ClientOrderItem, OrderItem, OutboxItem } from '../../shared/trading/order-items';
import type { OrderSide, OrderStatus } from '../../shared/trading/vocabulary';
import type { AccountProfiles, Clock, Page, PageRequest, TimeRange } from '../balances/ports';

/**
 * Ports of the order side. Orders are `OrderItem`s (ticks, lots, minor units as `bigint`);
 * the adapters own keys, indexes and transactions.
 */

/** The registry's markets with their run-time status (a halt written to the table wins). */
export interface MarketRegistry {
  get(symbol: string): Promise<Market | undefined>;
  all(): Promise<readonly Market[]>;
}

/** The FIFO command queue: group = symbol, deduplication id = command id. */
export interface CommandQueue {
  send(command: OrderCommand): Promise<void>;
}

export interface PlaceIntent {
  readonly order: OrderItem;
  readonly outbox: OutboxItem;
  readonly clientOrder: ClientOrderItem | undefined;
  readonly maxOpenOrders: number;
}

/** Written, or the client order id was taken meanwhile (the caller replays it). */
export type PlaceOutcome = 'placed' | 'client_order_id_taken';

export interface OrderQuery extends PageRequest, TimeRange {
  readonly symbol?: string | undefined;
  readonly side?: OrderSide | undefined;
  readonly status?: OrderStatus | undefined;
}

export interface OrderStore {
  get(userId: string, orderId: string): Promise<OrderItem | undefined>;
  /** The guard of a client order id, unless absent or older than 24 h. */
  findClientOrder(userId: string, clientOrderId: string): Promise<ClientOrderItem | undefined>;
  /**
   * One transaction: the order, its lock and ledger entry, the open-order count, the outbox
   * entry and the client-order guard. Throws InsufficientBalanceError or ConflictError.
   */
  place(intent: PlaceIntent): Promise<PlaceOutcome>;
  /**
   * Sets `cancel_requested` and writes the cancel command's outbox entry; ConflictError if
   * final. `requested` is false, and nothing is written, when another request flagged it first.
   */
  requestCancel(
    order: OrderItem,
    outbox: OutboxItem,
    at: string,
  ): Promise<{ order: OrderItem; requested: boolean }>;
  list(userId: string, query: OrderQuery): Promise<Page<OrderItem>>;
  active(userId: string, query: OrderQuery): Promise<Page<OrderItem>>;
  history(userId: string, query: OrderQuery): Promise<Page<OrderItem>>;
  /** Every open order of a user (suspension). */
  allOpen(userId: string): Promise<readonly OrderItem[]>;
}

/** Commands written with their order change and not yet confirmed on the queue. */
export interface Outbox {
  /** Entries of a market issued before `beforeIso`, oldest first. */
  due(symbol: string, beforeIso: string): Promise<readonly OutboxItem[]>;
  /** The command is on the queue: mark a place's order SENT; delete the entry. */
  delivered(entry: OutboxItem): Promise<void>;
  attempted(entry: OutboxItem): Promise<void>;
  drop(entry: OutboxItem): Promise<void>;
}

/**
 * The identity context's domain events, oldest first: after `position` (exclusive) and
 * before `untilIso`, so events whose transaction may still be committing are left for later.
 */
export interface UserEventFeed {
  after(
    position: string | undefined,
    untilIso: string,
    limit: number,
  ): Promise<readonly UserEventRecord[]>;
}

export interface UserEventRecord {
  readonly position: string;
  readonly event: UserEvent | undefined;
}

/** Named positions of consumers (the user-event feed). */
export interface CursorStore {
  get(name: string): Promise<string | undefined>;
  set(name: string, position: string): Promise<void>;
}

export interface OrderDeps {
  readonly markets: MarketRegistry;
  readonly books: BookTops;
  readonly profiles: AccountProfiles;
  readonly orders: OrderStore;
  readonly outbox: Outbox;
  readonly queue: CommandQueue;
  readonly audit: AuditLog;
  readonly clock: Clock;
  readonly newId: () => string;
  readonly logger: Logger;
  readonly settings: OrderSettings;
}

/** Tunables, from the environment (see `config.ts`). */
export interface OrderSettings {
  /** A market buy by quantity locks best ask × (1 + this / 10^6). */
  readonly marketBuyProtectionPpm: number;
  /** A place command must reach the engine within this many ms or it is refused there. */
  readonly commandTtlMs: number;
  /** The reconciler resends outbox entries older than this. */
  readonly resendAfterMs: number;
}

export type { PlaceCommand };
