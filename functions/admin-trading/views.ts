import type { z } from 'zod';
import type { adminTradeSchema } from '../../shared/contracts/trading-admin';
import { findMarket } from '../../shared/domain/markets';
import { fromSteps } from '../../shared/domain/money';
import type { TradeItem } from '../../shared/trading/trade-items';

/** A trade as admins list it: both sides, from the taker's copy. */
export function adminTradeView(trade: TradeItem): z.input<typeof adminTradeSchema> {
  const market = findMarket(trade.symbol);
  return {
    id: trade.id,
    symbol: trade.symbol,
    price: market ? fromSteps(trade.price, market.tickSize) : trade.price.toString(),
    quantity: market ? fromSteps(trade.quantity, market.lotSize) : trade.quantity.toString(),
    taker_side: trade.side,
    taker_order_id: trade.order_id,
    maker_order_id: trade.counterparty_order_id,
    taker_user_id: trade.user_id,
    maker_user_id: trade.counterparty_user_id,
    executed_at: trade.executed_at,
  };
}
