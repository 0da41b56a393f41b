import type { OrderView } from '../../shared/contracts/trading-schemas';
import { findMarket } from '../../shared/domain/markets';
import { formatDecimal, fromSteps } from '../../shared/domain/money';
import { averagePriceMinor, baseMinorOf, marketUnits } from '../../shared/trading/market-units';
import type { OrderItem } from '../../shared/trading/order-items';

/**
 * An order as apps see it (DESIGN §5): lots and ticks back to decimal strings in the market's
 * steps, quote amounts in the quote asset's precision, `average_price` from what was paid.
 */
export function orderView(order: OrderItem): OrderView {
  const market = findMarket(order.symbol);
  if (market === undefined) throw new Error(`order ${order.id} is on an unlisted market`);
  const units = marketUnits(market);
  const quote = (minor: bigint) => formatDecimal(minor, units.quote.precision);
  const average = averagePriceMinor(
    units,
    order.filled_quote,
    baseMinorOf(units, order.filled_quantity),
  );
  return {
    id: order.id,
    client_order_id: order.client_order_id,
    symbol: order.symbol,
    side: order.side,
    type: order.type,
    time_in_force: order.time_in_force,
    quantity: order.quantity === null ? null : fromSteps(order.quantity, market.lotSize),
    price: order.price === null ? null : fromSteps(order.price, market.tickSize),
    filled_quantity: fromSteps(order.filled_quantity, market.lotSize),
    average_price: average === undefined ? null : quote(average),
    status: order.status,
    created_at: order.created_at,
    updated_at: order.updated_at,
    post_only: order.post_only,
    quote_order_qty: order.quote_order_qty === null ? null : quote(order.quote_order_qty),
    filled_quote: quote(order.filled_quote),
    cancel_requested: order.cancel_requested,
    reject_reason: order.reject_reason,
  };
}
