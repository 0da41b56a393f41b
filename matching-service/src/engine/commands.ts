/**
 * Commands the engine accepts. Time (`at`, epoch ms) and order come from the caller, so a
 * journal of commands replays to byte-identical events.
 */

/** Side of an order. */
export type Side = 'BUY' | 'SELL';

/** Time in force of a limit order. */
export type TimeInForce = 'GTC' | 'IOC' | 'FOK';

/**
 * Self-trade prevention, Binance semantics: the taker's mode decides what happens when it meets
 * a resting order of the same account.
 */
export type StpMode = 'NONE' | 'EXPIRE_TAKER' | 'EXPIRE_MAKER' | 'EXPIRE_BOTH';

interface PlaceBase {
  readonly kind: 'place';
  readonly orderId: string;
  readonly accountId: string;
  readonly side: Side;
  /** Overrides the book's default mode for this order. */
  readonly stp?: StpMode;
  readonly at: number;
}

/** A limit order: `price` in ticks, `quantity` in lots. */
export interface PlaceLimit extends PlaceBase {
  readonly type: 'LIMIT';
  readonly price: number;
  readonly quantity: number;
  /** Defaults to GTC. */
  readonly timeInForce?: TimeInForce;
  /** Rejected instead of taking liquidity; only with GTC. */
  readonly postOnly?: boolean;
}

/**
 * A market order sized in lots. `quoteLimit` (buys only, tick×lot units) is the amount the API
 * locked at its protection price: the engine never spends beyond it.
 */
export interface PlaceMarketByQuantity extends PlaceBase {
  readonly type: 'MARKET';
  readonly quantity: number;
  readonly quoteLimit?: number;
}

/**
 * A market order sized by a quote budget (tick×lot units): a buy spends at most `quoteAmount`,
 * a sell receives at most `quoteAmount`. `quantityLimit` caps the lots, so a sell never gives
 * away more base than the API locked.
 */
export interface PlaceMarketByQuote extends PlaceBase {
  readonly type: 'MARKET';
  readonly quoteAmount: number;
  readonly quantityLimit?: number;
}

/** Either sizing of a market order. */
export type PlaceMarket = PlaceMarketByQuantity | PlaceMarketByQuote;

/** Places an order. */
export type PlaceCommand = PlaceLimit | PlaceMarket;

/** Cancels a resting order; only its own account may cancel it. */
export interface CancelCommand {
  readonly kind: 'cancel';
  readonly orderId: string;
  readonly accountId: string;
  readonly at: number;
}

/** Everything `OrderBook.apply` understands. */
export type BookCommand = PlaceCommand | CancelCommand;
