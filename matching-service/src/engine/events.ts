import type { Side } from './commands';

/**
 * Events the engine emits. Every event carries the book's strictly increasing `seq` and the
 * `at` of the command that caused it.
 *
 * Amounts called `remaining` are in the order's own unit: lots for orders sized by quantity,
 * quote units (tick×lot) for market orders sized by `quoteAmount`.
 */
interface EventBase {
  readonly seq: number;
  readonly at: number;
}

/** The order passed validation and will trade, rest or expire. */
export interface AcceptedEvent extends EventBase {
  readonly type: 'accepted';
  readonly orderId: string;
  readonly accountId: string;
  readonly side: Side;
}

/** One fill between the incoming taker and a resting maker, at the maker's price. */
export interface TradeEvent extends EventBase {
  readonly type: 'trade';
  readonly takerOrderId: string;
  readonly makerOrderId: string;
  readonly takerAccountId: string;
  readonly makerAccountId: string;
  readonly price: number;
  readonly quantity: number;
  readonly takerSide: Side;
  readonly makerRemaining: number;
  readonly takerRemaining: number;
}

/** The order's remainder now rests in the book at `price`. */
export interface RestedEvent extends EventBase {
  readonly type: 'rested';
  readonly orderId: string;
  readonly accountId: string;
  readonly side: Side;
  readonly price: number;
  readonly remaining: number;
}

/** A resting order was cancelled by its owner. */
export interface CancelledEvent extends EventBase {
  readonly type: 'cancelled';
  readonly orderId: string;
  readonly accountId: string;
  readonly remaining: number;
}

/** Why an order stopped without filling completely. */
export type ExpireReason =
  | 'IOC'
  | 'FOK'
  | 'MARKET_NO_LIQUIDITY'
  /** The quote budget (`quoteLimit` or `quoteAmount`) cannot pay for one more lot. */
  | 'QUOTE_LIMIT'
  /** A quote-sized order reached its `quantityLimit`. */
  | 'QUANTITY_LIMIT'
  | 'STP_TAKER'
  | 'STP_MAKER'
  /** A GTC remainder would take its price level's total past 2^53 lots. */
  | 'LEVEL_FULL';

/** The order ended with `remaining` unfilled (a taker, or a maker removed by STP). */
export interface ExpiredEvent extends EventBase {
  readonly type: 'expired';
  readonly orderId: string;
  readonly accountId: string;
  readonly reason: ExpireReason;
  readonly remaining: number;
}

/** Why a command was refused; the book is unchanged. */
export type RejectReason =
  | 'INVALID_COMMAND'
  | 'INVALID_ORDER_ID'
  | 'INVALID_ACCOUNT_ID'
  | 'INVALID_TIMESTAMP'
  | 'INVALID_SIDE'
  | 'INVALID_ORDER_TYPE'
  | 'INVALID_TIME_IN_FORCE'
  | 'INVALID_POST_ONLY'
  | 'INVALID_STP_MODE'
  | 'INVALID_PRICE'
  | 'INVALID_QUANTITY'
  | 'INVALID_QUOTE_AMOUNT'
  | 'INVALID_QUOTE_LIMIT'
  | 'DUPLICATE_ORDER_ID'
  | 'POST_ONLY_WOULD_TAKE'
  | 'UNKNOWN_ORDER';

/** A command was refused. `orderId`/`accountId` are '' when the input was not a string. */
export interface RejectedEvent extends EventBase {
  readonly type: 'rejected';
  readonly command: 'place' | 'cancel' | 'unknown';
  readonly orderId: string;
  readonly accountId: string;
  readonly reason: RejectReason;
}

/** Everything `OrderBook.apply` emits. */
export type BookEvent =
  AcceptedEvent | TradeEvent | RestedEvent | CancelledEvent | ExpiredEvent | RejectedEvent;
