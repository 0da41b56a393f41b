import type { AssetStats } from '../../shared/contracts/trading-admin';
import { assets } from '../../shared/domain/markets';
import { amountText } from '../balances/views';
import type { SystemTotals } from './ports';

/**
 * DESIGN §4 "Conserve": per asset, users' available + locked plus fees collected equals
 * deposits minus withdrawals. Computed exactly in minor units; answered as decimal strings.
 */
export async function systemStats(totals: SystemTotals): Promise<Record<string, AssetStats>> {
  const entries = await Promise.all(
    assets.map(async (asset) => {
      const t = await totals.totals(asset.code);
      const stats: AssetStats = {
        total_available: amountText(asset.code, t.available),
        total_locked: amountText(asset.code, t.locked),
        fees_collected: amountText(asset.code, t.fees),
        deposits: amountText(asset.code, t.deposits),
        withdrawals: amountText(asset.code, t.withdrawals),
        conserved: t.available + t.locked + t.fees === t.deposits - t.withdrawals,
      };
      return [asset.code, stats] as const;
    }),
  );
  return Object.fromEntries(entries);
}
