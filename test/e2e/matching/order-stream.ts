import { randomUUID } from 'node:crypto';
import { newOrderItem, placeCommandOf } from '../../../functions/orders/order-records';
import { orderTerms } from '../../../functions/orders/order-terms';
import type { PlaceCommand } from '../../../shared/contracts/commands';
import type { PlaceOrderBody } from '../../../shared/contracts/trading';
import { findMarket } from '../../../shared/domain/markets';
import { kycLimitsOf } from '../../../shared/trading/kyc-limits';
import { marketUnits } from '../../../shared/trading/market-units';
import type { OrderItem } from '../../../shared/trading/order-items';

const units = marketUnits(findMarket('ETHUSDT')!);
/** The best ask a market buy by quantity is protected from (3040.00, above every limit price). */
const top = { bestBid: null, bestAsk: 304_000n };
const PROTECTION_PPM = 50_000;

/** One order of the crash test's stream: the item placement stores and the command it sends. */
export interface StreamOrder {
  readonly item: OrderItem;
  readonly command: PlaceCommand;
}

/**
 * A random ETHUSDT order of `user`, made by the API's own builders (`orderTerms`,
 * `newOrderItem`, `placeCommandOf`), so its lock and engine fields are what placement would
 * have written: 60 % GTC limits and 10 % IOC limits at 3000.00–3039.90 for 0.004–0.05 ETH,
 * 10 % market sells by quantity, 10 % market buys by quote amount (12–150 USDT) and 10 %
 * market buys by quantity (locked at 3040.00 + 5 %, which caps what they spend). Marked as
 * sent, so the stack's reconciler leaves it to the test.
 */
export function randomOrder(next: () => number, user: string): StreamOrder {
  const kind = next();
  const side = kind < 0.7 ? (next() < 0.5 ? 'BUY' : 'SELL') : kind < 0.8 ? 'SELL' : 'BUY';
  const quantity = `0.${String(40 + Math.floor(next() * 461)).padStart(4, '0')}`;
  const price = (3000 + Math.floor(next() * 400) / 10).toFixed(2);
  const body: PlaceOrderBody =
    kind < 0.7
      ? {
          symbol: 'ETHUSDT',
          side,
          type: 'LIMIT',
          time_in_force: kind < 0.6 ? 'GTC' : 'IOC',
          price,
          quantity,
        }
      : kind < 0.9 && side === 'BUY'
        ? {
            symbol: 'ETHUSDT',
            side,
            type: 'MARKET',
            quote_order_qty: String(12 + Math.floor(next() * 139)),
          }
        : { symbol: 'ETHUSDT', side, type: 'MARKET', quantity };
  const order = {
    id: randomUUID(),
    commandId: randomUUID(),
    userId: user,
    body,
    terms: orderTerms(units, body, kycLimitsOf(2), top, PROTECTION_PPM),
    fees: { tier: 1, makerPpm: 1_000, takerPpm: 1_500 },
    now: new Date(),
    commandTtlMs: 600_000,
  };
  return { item: { ...newOrderItem(order), dispatch: 'SENT' }, command: placeCommandOf(order) };
}
