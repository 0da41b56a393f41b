import { systemStatsRoute as contract } from '../../shared/contracts/trading-admin';
import { apiHandler, type Route } from '../../shared/http/api-handler';
import { systemClock } from '../balances/clock';
import type { Clock } from '../balances/ports';
import { adminTradingLogger, buildAdminReadDeps } from './deps';
import type { SystemTotals } from './ports';
import { systemStats } from './system-stats';

/** `GET /api/admin/system-stats`: the conservation check per asset. */
export const systemStatsRoute =
  (deps: { totals: SystemTotals; clock: Clock }): Route<typeof contract> =>
  async () => ({
    data: {
      assets: await systemStats(deps.totals),
      checked_at: deps.clock.now().toISOString(),
    },
  });

export const handler = apiHandler(
  contract,
  systemStatsRoute({ ...buildAdminReadDeps(), clock: systemClock }),
  adminTradingLogger,
);
