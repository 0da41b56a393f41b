import type { z } from 'zod';
import type { feeTierSchema } from '../../shared/contracts/trading-schemas';
import { NotFoundError } from '../../shared/domain/errors';
import { findAsset } from '../../shared/domain/markets';
import { feeScheduleOf, feeTiers, rateAsDecimal } from '../../shared/trading/fees';
import type { BalanceSnapshot } from '../../shared/trading/balance-writes';
import type { AccountProfiles, BalanceStore } from './ports';

/** The balance of one listed asset (zero when never funded); an unlisted asset is 404. */
export async function getBalance(
  balances: BalanceStore,
  userId: string,
  asset: string,
): Promise<BalanceSnapshot> {
  if (findAsset(asset) === undefined) throw new NotFoundError('No such asset');
  return balances.get(userId, asset);
}

/** The caller's tier (from the profile) and the whole schedule. */
export async function feeTierOf(
  profiles: AccountProfiles,
  userId: string,
): Promise<z.input<typeof feeTierSchema>> {
  const profile = await profiles.get(userId);
  const schedule = feeScheduleOf(profile.feeTier);
  return {
    fee_tier: schedule.tier,
    maker_fee_rate: rateAsDecimal(schedule.makerPpm),
    taker_fee_rate: rateAsDecimal(schedule.takerPpm),
    fee_asset: 'received',
    tiers: feeTiers.map((tier) => ({
      tier: tier.tier,
      maker_fee_rate: rateAsDecimal(tier.makerPpm),
      taker_fee_rate: rateAsDecimal(tier.takerPpm),
    })),
  };
}
