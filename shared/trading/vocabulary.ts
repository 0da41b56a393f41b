/**
 * The trading vocabulary shared by the API, the reconciler and the matching service's
 * settlement: order states, ledger entry types and what a ledger entry refers to.
 */
export const orderSides = ['BUY', 'SELL'] as const;
export type OrderSide = (typeof orderSides)[number];

export const orderTypes = ['LIMIT', 'MARKET'] as const;
export type OrderType = (typeof orderTypes)[number];

export const timesInForce = ['GTC', 'IOC', 'FOK'] as const;
export type TimeInForce = (typeof timesInForce)[number];

export const orderStatuses = [
  'PENDING',
  'PARTIAL',
  'FILLED',
  'CANCELLED',
  'REJECTED',
  'EXPIRED',
] as const;
export type OrderStatus = (typeof orderStatuses)[number];

/** States in which an order may still trade and holds a lock. */
export const openOrderStatuses: readonly OrderStatus[] = ['PENDING', 'PARTIAL'];
/** Terminal states: the order's lock has been spent or released to the last minor unit. */
export const finalOrderStatuses: readonly OrderStatus[] = [
  'FILLED',
  'CANCELLED',
  'REJECTED',
  'EXPIRED',
];

/** Whether the command carrying an order has reached the queue (outbox state). */
export const dispatchStates = ['PENDING', 'SENT'] as const;
export type DispatchState = (typeof dispatchStates)[number];

/**
 * Every movement of a balance is one of these. `amount` of an entry is the change of the total
 * (available + locked); locks and unlocks move between the two and change the total by zero.
 */
export const ledgerTypes = [
  'DEPOSIT',
  'ADJUSTMENT',
  'ORDER_LOCK',
  'ORDER_UNLOCK',
  'TRADE_DEBIT',
  'TRADE_CREDIT',
  'FEE',
  'FEE_INCOME',
  'WITHDRAWAL_LOCK',
  'WITHDRAWAL_UNLOCK',
  'WITHDRAWAL',
] as const;
export type LedgerType = (typeof ledgerTypes)[number];

export const referenceTypes = ['ORDER', 'TRADE', 'DEPOSIT', 'ADJUSTMENT', 'WITHDRAWAL'] as const;
export type ReferenceType = (typeof referenceTypes)[number];

/** What caused a ledger entry: an order, a trade, a deposit, an adjustment or a withdrawal. */
export interface LedgerReference {
  readonly type: ReferenceType;
  readonly id: string;
}

export const withdrawalStatuses = ['PENDING', 'APPROVED', 'REJECTED'] as const;
export type WithdrawalStatus = (typeof withdrawalStatuses)[number];

export const tradeRoles = ['MAKER', 'TAKER'] as const;
export type TradeRole = (typeof tradeRoles)[number];
