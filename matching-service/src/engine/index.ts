/** The matching engine's public surface: a pure, deterministic order book per symbol. */
export type { BookConfig } from './book-state';
export type {
  BookCommand,
  CancelCommand,
  PlaceCommand,
  PlaceLimit,
  PlaceMarket,
  PlaceMarketByQuantity,
  PlaceMarketByQuote,
  Side,
  StpMode,
  TimeInForce,
} from './commands';
export type {
  AcceptedEvent,
  BookEvent,
  CancelledEvent,
  ExpireReason,
  ExpiredEvent,
  RejectReason,
  RejectedEvent,
  RestedEvent,
  TradeEvent,
} from './events';
export type { BookInspection, InspectedLevel, InspectedOrder } from './inspect';
export { DEFAULT_BOOK_CONFIG, OrderBook } from './order-book';
export type { Depth, OrderView } from './order-book';
export type { BookSnapshot, SnapshotOrder } from './snapshot';
export { MAX_ID_LENGTH } from './validate';
