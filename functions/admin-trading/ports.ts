import type { TradeItem } from '../../shared/trading/trade-items';
import type { OrderItem } from '../../shared/trading/order-items';
import type { Page, PageRequest } from '../balances/ports';
import type { OrderSide, OrderStatus } from '../../shared/trading/vocabulary';

/** Totals of one asset across the platform, in minor units. */
export interface AssetTotals {
  readonly available: bigint;
  readonly locked: bigint;
  readonly fees: bigint;
  readonly deposits: bigint;
  readonly withdrawals: bigint;
}

/**
 * The conservation inputs: the deposit/withdrawal counters, the fee account, and the sum of
 * every other account's balances. The sum reads every balance item of the asset, so its cost
 * grows with the number of funded accounts — fine for an admin check, not for a hot path.
 */
export interface SystemTotals {
  totals(asset: string): Promise<AssetTotals>;
}

export interface AdminOrderQuery extends PageRequest {
  readonly symbol?: string | undefined;
  readonly userId?: string | undefined;
  readonly status?: OrderStatus | undefined;
  readonly side?: OrderSide | undefined;
}

/** Cross-account reads for admins. */
export interface AdminQueries {
  orders(query: AdminOrderQuery): Promise<Page<OrderItem>>;
  trades(query: PageRequest & { readonly symbol?: string | undefined }): Promise<Page<TradeItem>>;
}
