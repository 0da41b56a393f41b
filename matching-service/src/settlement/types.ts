import type { BalanceChange, TransactItem } from '../../../shared/trading/balance-writes';
import type { MarketUnits } from '../../../shared/trading/market-units';
import type { OrderItem } from '../../../shared/trading/order-items';
import type { BookEvent } from '../engine';

/** A `place` the service refused before the book saw it (journaled with `seq` 0). */
export interface RefusedEvent {
  readonly type: 'refused';
  readonly seq: 0;
  readonly at: number;
  readonly orderId: string;
  readonly accountId: string;
  readonly reason: string;
}

/** What settlement consumes: the book's events and the service's refusals, in journal order. */
export type SettlementEvent = BookEvent | RefusedEvent;

/** Something settlement cannot apply and will not guess about; logged and counted. */
export interface Anomaly {
  readonly seq: number;
  readonly orderId: string;
  readonly problem: string;
}

/** Changes of one balance, in order. */
export interface BalanceMove {
  readonly userId: string;
  readonly asset: string;
  readonly changes: BalanceChange[];
}

/**
 * The writes of a run of events, short of the balances' own items: the caller reads each
 * balance in `moves`, turns it into versioned writes with `balanceWrites`, and commits them
 * with `items` in one transaction. Every order write is conditioned on the `settled_seq` it
 * was planned from, so a plan applied twice fails instead of paying twice.
 */
export interface SettlementPlan {
  readonly moves: readonly BalanceMove[];
  readonly items: readonly TransactItem[];
  /** Orders as they will be once the transaction commits. */
  readonly orders: ReadonlyMap<string, OrderItem>;
  readonly anomalies: readonly Anomaly[];
  /** Events that changed something (the rest were already settled or need no write). */
  readonly applied: number;
}

/** The market a plan is for and the Trading table its writes go to. */
export interface SettlementMarket {
  readonly units: MarketUnits;
  readonly tableName: string;
  /** The fee account of the shard that settles this market (`feesAccountOf`). */
  readonly feesAccount: string;
  /**
   * Wall-clock time of this settlement, stamped on the orders it changes (`settled_at`) for
   * latency measurement only; everything else carries the engine's time.
   */
  readonly settledAt?: string;
}
