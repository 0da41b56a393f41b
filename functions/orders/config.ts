import { z } from 'zod';
import { commandQueueUrlsSchema } from '../../shared/trading/shards';

const name = z.string().min(1);
const seconds = (fallback: number, min = 0) =>
  z.coerce.number().int().min(min).max(86_400).default(fallback);

/** Tunables shared by placement and the reconciler; defaults in parentheses. */
const tunables = {
  /** A market buy by quantity locks best ask × (1 + this / 10^6) (50000 = 5 %). */
  MARKET_BUY_PROTECTION_PPM: z.coerce.number().int().min(0).max(1_000_000).default(50_000),
  /**
   * A place command the engine receives later than this is refused there (120). At least 10:
   * below the queue's ordinary delay, every order would be refused.
   */
  ORDER_COMMAND_TTL_SECONDS: seconds(120, 10),
  /** The reconciler resends outbox entries older than this (5). */
  OUTBOX_RESEND_AFTER_SECONDS: seconds(5),
  /** How long a warm container trusts the market statuses it read (5). */
  MARKET_STATUS_CACHE_SECONDS: seconds(5),
};

/**
 * Environment of the order functions, in slices matching their route bindings
 * (`infra/definitions/route-bindings/trading.ts`).
 */
export const orderReadConfigSchema = z.object({ TRADING_TABLE: name });

/** Cancel: the table, every shard's command queue, the audit trail. */
export const cancelConfigSchema = orderReadConfigSchema.extend({
  ...commandQueueUrlsSchema.shape,
  AUDIT_TABLE: name,
  ...tunables,
});

/** Place: plus identity profiles and the book tops the engine publishes. */
export const placeConfigSchema = cancelConfigSchema.extend({
  USERS_TABLE: name,
  MARKET_DATA_TABLE: name,
});

/** The reconciler and user-event consumer: plus the identity outbox (Users table). */
export const reconcileConfigSchema = cancelConfigSchema.extend({ USERS_TABLE: name });
export type ReconcileConfig = z.output<typeof reconcileConfigSchema>;
