import { z } from 'zod';
import { storedBigInt } from './numbers';
import { orderSides, tradeRoles } from './vocabulary';

/**
 * `ACCOUNT#<user>` / `TRADE#<iso>#<trade id>#<role>`: one account's side of a fill, written by
 * settlement. `price` is ticks, `quantity` lots, `quote_amount` and `fee` minor units (`fee` in
 * `fee_asset`, the asset the account received). The taker's copy also carries gsi2
 * (`TRADES#<symbol>` / `<iso>#<trade id>`), so each trade is listed once per market.
 */
export const tradeItemSchema = z.object({
  id: z.string(),
  user_id: z.string(),
  order_id: z.string(),
  symbol: z.string(),
  side: z.enum(orderSides),
  role: z.enum(tradeRoles),
  price: storedBigInt,
  quantity: storedBigInt,
  quote_amount: storedBigInt,
  fee: storedBigInt,
  fee_asset: z.string(),
  counterparty_order_id: z.string(),
  counterparty_user_id: z.string(),
  executed_at: z.string(),
});
export type TradeItem = z.output<typeof tradeItemSchema>;
