import { z } from 'zod';

/** Environment of the market-data routes (`infra/definitions/route-bindings/market-data.ts`). */
export const marketDataConfigSchema = z.object({ MARKET_DATA_TABLE: z.string().min(1) });

/** `GET /api/markets` also reads the run-time statuses in the Trading table. */
export const marketListConfigSchema = z.object({
  TRADING_TABLE: z.string().min(1),
  /** How long a warm container trusts the statuses it read (5). */
  MARKET_STATUS_CACHE_SECONDS: z.coerce.number().int().min(0).max(86_400).default(5),
});
