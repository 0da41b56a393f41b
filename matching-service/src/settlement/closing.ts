import type { OrderItem } from '../../../shared/trading/order-items';
import type { OrderStatus } from '../../../shared/trading/vocabulary';
import type { CancelledEvent, ExpiredEvent, RejectedEvent } from '../engine';
import type { RefusedEvent } from './types';

/** An event that ends an order without filling its remainder. */
export type ClosingEvent = CancelledEvent | ExpiredEvent | RejectedEvent | RefusedEvent;

/** The final status an order takes, and the reason recorded with it (none for FILLED/CANCELLED). */
export interface Closing {
  readonly status: OrderStatus;
  readonly reason?: string;
}

/**
 * The status `order` (as settled so far) ends with when `event` stops it — the status a user of
 * Binance's API would expect, not the engine's mechanics:
 *
 * - a market buy by quote that filled something and stopped because its budget can no longer
 *   pay for one lot (`QUOTE_LIMIT`) spent what it could: `FILLED`, as Binance reports an order
 *   sized by `quoteOrderQty` (the rest of its lock is returned either way);
 * - a `place` refused unapplied (`COMMAND_EXPIRED`) for an order whose cancel was requested
 *   never reached the book because of that cancel (the reconciler sends it already expired):
 *   `CANCELLED`;
 * - otherwise cancelled → `CANCELLED`, expired → `EXPIRED`, rejected or refused → `REJECTED`,
 *   with the engine's reason.
 */
export function closingOf(order: OrderItem, event: ClosingEvent): Closing {
  switch (event.type) {
    case 'cancelled':
      return { status: 'CANCELLED' };
    case 'expired':
      return event.reason === 'QUOTE_LIMIT' &&
        order.quote_order_qty !== null &&
        order.filled_quantity > 0n
        ? { status: 'FILLED' }
        : { status: 'EXPIRED', reason: event.reason };
    case 'refused':
      return order.cancel_requested
        ? { status: 'CANCELLED' }
        : { status: 'REJECTED', reason: event.reason };
    case 'rejected':
      return { status: 'REJECTED', reason: event.reason };
  }
}
