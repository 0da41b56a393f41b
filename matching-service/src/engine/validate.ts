import type { CancelCommand, PlaceCommand } from './commands';
import type { RejectReason } from './events';

/** Longest accepted order or account id; keeps hashing and the seen-id memory bounded. */
export const MAX_ID_LENGTH = 128;

/** Loose view used to read fields of untrusted input without trusting the static type. */
interface PlaceFields {
  readonly type?: unknown;
  readonly price?: unknown;
  readonly quantity?: unknown;
  readonly timeInForce?: unknown;
  readonly postOnly?: unknown;
  readonly quoteLimit?: unknown;
  readonly quoteAmount?: unknown;
  readonly quantityLimit?: unknown;
  readonly stp?: unknown;
  readonly side?: unknown;
}

/** A non-empty string of at most `MAX_ID_LENGTH` characters. */
export const isId = (value: unknown): value is string =>
  typeof value === 'string' && value.length > 0 && value.length <= MAX_ID_LENGTH;

/** A safe integer above zero: the only valid price, quantity or amount. */
export const isPositive = (value: unknown): value is number =>
  Number.isSafeInteger(value) && (value as number) > 0;

const isTimestamp = (value: unknown): boolean =>
  Number.isSafeInteger(value) && (value as number) >= 0;

const isStp = (value: unknown): boolean =>
  value === 'NONE' ||
  value === 'EXPIRE_TAKER' ||
  value === 'EXPIRE_MAKER' ||
  value === 'EXPIRE_BOTH';

/** The first reason a cancel is malformed, checked in a fixed order; undefined if well formed. */
export const validateCancel = (command: CancelCommand): RejectReason | undefined => {
  if (!isId(command.orderId)) return 'INVALID_ORDER_ID';
  if (!isId(command.accountId)) return 'INVALID_ACCOUNT_ID';
  if (!isTimestamp(command.at)) return 'INVALID_TIMESTAMP';
  return undefined;
};

const validateLimit = (c: PlaceFields): RejectReason | undefined => {
  if (!isPositive(c.price)) return 'INVALID_PRICE';
  if (!isPositive(c.quantity)) return 'INVALID_QUANTITY';
  const tif = c.timeInForce;
  if (tif !== undefined && tif !== 'GTC' && tif !== 'IOC' && tif !== 'FOK') {
    return 'INVALID_TIME_IN_FORCE';
  }
  if (c.postOnly !== undefined && typeof c.postOnly !== 'boolean') return 'INVALID_POST_ONLY';
  if (c.postOnly === true && tif !== undefined && tif !== 'GTC') return 'INVALID_TIME_IN_FORCE';
  return undefined;
};

const validateMarket = (c: PlaceFields): RejectReason | undefined => {
  if (c.quoteAmount === undefined) {
    if (!isPositive(c.quantity)) return 'INVALID_QUANTITY';
    if (c.quantityLimit !== undefined) return 'INVALID_QUANTITY';
    if (c.quoteLimit !== undefined && (c.side !== 'BUY' || !isPositive(c.quoteLimit))) {
      return 'INVALID_QUOTE_LIMIT';
    }
    return undefined;
  }
  if (c.quantity !== undefined) return 'INVALID_QUANTITY';
  if (!isPositive(c.quoteAmount)) return 'INVALID_QUOTE_AMOUNT';
  if (c.quoteLimit !== undefined) return 'INVALID_QUOTE_LIMIT';
  if (c.quantityLimit !== undefined && !isPositive(c.quantityLimit)) return 'INVALID_QUANTITY';
  return undefined;
};

/**
 * The first reason a place command is malformed, checked in a fixed order (ids, time, side,
 * STP mode, then the type's own fields); undefined if well formed. Duplicate ids and post-only
 * crossing depend on the book and are checked by the caller.
 */
export const validatePlace = (command: PlaceCommand): RejectReason | undefined => {
  if (!isId(command.orderId)) return 'INVALID_ORDER_ID';
  if (!isId(command.accountId)) return 'INVALID_ACCOUNT_ID';
  if (!isTimestamp(command.at)) return 'INVALID_TIMESTAMP';
  const c: PlaceFields = command;
  if (c.side !== 'BUY' && c.side !== 'SELL') return 'INVALID_SIDE';
  if (c.stp !== undefined && !isStp(c.stp)) return 'INVALID_STP_MODE';
  if (c.type === 'LIMIT') return validateLimit(c);
  if (c.type === 'MARKET') return validateMarket(c);
  return 'INVALID_ORDER_TYPE';
};
