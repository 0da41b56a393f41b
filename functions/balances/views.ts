import type {
  AccountTradeView,
  BalanceView,
  LedgerEntryView,
  WithdrawalView,
} from '../../shared/contracts/trading-schemas';
import { assets, findAsset, findMarket } from '../../shared/domain/markets';
import { formatDecimal, fromSteps } from '../../shared/domain/money';
import type { LedgerItem } from '../../shared/trading/balance-items';
import type { BalanceSnapshot } from '../../shared/trading/balance-writes';
import type { TradeItem } from '../../shared/trading/trade-items';
import type { WithdrawalItem } from '../../shared/trading/withdrawal-items';

/** Items as the API answers them: decimal strings in each asset's precision, snake_case. */
const DEFAULT_PRECISION = 8;

export const precisionOf = (asset: string): number =>
  findAsset(asset)?.precision ?? DEFAULT_PRECISION;

export const amountText = (asset: string, minor: bigint): string =>
  formatDecimal(minor, precisionOf(asset));

export const balanceView = (balance: BalanceSnapshot): BalanceView => ({
  asset: balance.asset,
  available: amountText(balance.asset, balance.available),
  locked: amountText(balance.asset, balance.locked),
});

/** Every listed asset, funded or not, then any other asset the account holds. */
export function balancesView(held: readonly BalanceSnapshot[]): BalanceView[] {
  const byAsset = new Map(held.map((balance) => [balance.asset, balance]));
  const listed = assets.map((asset) =>
    balanceView(
      byAsset.get(asset.code) ?? {
        userId: '',
        asset: asset.code,
        available: 0n,
        locked: 0n,
        version: 0n,
      },
    ),
  );
  const others = held.filter((balance) => findAsset(balance.asset) === undefined);
  return [...listed, ...others.map(balanceView)];
}

export const ledgerView = (entry: LedgerItem): LedgerEntryView => ({
  id: entry.id,
  type: entry.type,
  asset: entry.asset,
  amount: amountText(entry.asset, entry.amount),
  available_change: amountText(entry.asset, entry.available_change),
  locked_change: amountText(entry.asset, entry.locked_change),
  balance_after: amountText(entry.asset, entry.balance_after),
  available_after: amountText(entry.asset, entry.available_after),
  locked_after: amountText(entry.asset, entry.locked_after),
  reference: { type: entry.reference_type, id: entry.reference_id },
  memo: entry.memo ?? null,
  created_at: entry.created_at,
});

export function tradeView(trade: TradeItem): AccountTradeView {
  const market = findMarket(trade.symbol);
  return {
    id: trade.id,
    order_id: trade.order_id,
    symbol: trade.symbol,
    side: trade.side,
    price: market ? fromSteps(trade.price, market.tickSize) : trade.price.toString(),
    quantity: market ? fromSteps(trade.quantity, market.lotSize) : trade.quantity.toString(),
    fee: amountText(trade.fee_asset, trade.fee),
    fee_asset: trade.fee_asset,
    role: trade.role,
    executed_at: trade.executed_at,
  };
}

export const withdrawalView = (withdrawal: WithdrawalItem): WithdrawalView => ({
  id: withdrawal.id,
  asset: withdrawal.asset,
  amount: amountText(withdrawal.asset, withdrawal.amount),
  address: withdrawal.address,
  status: withdrawal.status,
  reason: withdrawal.reason,
  created_at: withdrawal.created_at,
  updated_at: withdrawal.updated_at,
  decided_at: withdrawal.decided_at,
});
