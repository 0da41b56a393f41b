import type { OrderItem } from '../../shared/trading/order-items';

/** What varies between the pending limit orders the matching tests store or settle. */
export type PendingLimit = Pick<
  OrderItem,
  'id' | 'user_id' | 'symbol' | 'side' | 'lock_asset' | 'price' | 'quantity'
> &
  Partial<OrderItem>;

/**
 * A GTC limit order as placement leaves it for the engine: sent, nothing locked or filled
 * unless given, tier-1 fee rates, timestamps fixed (tests that store it pass their own).
 */
export const pendingLimitOrder = (o: PendingLimit): OrderItem => ({
  client_order_id: null,
  type: 'LIMIT',
  time_in_force: 'GTC',
  post_only: false,
  quote_order_qty: null,
  status: 'PENDING',
  reject_reason: null,
  locked: 0n,
  lock_remaining: 0n,
  filled_quantity: 0n,
  filled_quote: 0n,
  fee_total: 0n,
  maker_fee_ppm: 1000,
  taker_fee_ppm: 1500,
  dispatch: 'SENT',
  command_id: `c-${o.id}`,
  cancel_requested: false,
  created_at: '2026-11-24T00:00:00.000Z',
  updated_at: '2026-11-24T00:00:00.000Z',
  ...o,
});
