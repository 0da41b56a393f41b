import { z } from 'zod';
import { commandQueueUrlsSchema } from '../../shared/trading/shards';

const name = z.string().min(1);

/** Environment of the health function: every resource it reports on. */
export const healthConfigSchema = z.object({
  USERS_TABLE: name,
  VAULT_TABLE: name,
  TRADING_TABLE: name,
  JOURNAL_TABLE: name,
  MARKET_DATA_TABLE: name,
  AUDIT_TABLE: name,
  RATE_LIMITS_TABLE: name,
  STREAMS_TABLE: name,
  ...commandQueueUrlsSchema.shape,
  ORDERS_DLQ_URL: name,
  USER_POOL_ID: name,
  VAULT_KEY_ID: name,
  AUDIT_SIGNING_KEY_ID: name,
  MFA_KEY_ID: name,
  API_KEYS_KEY_ID: name,
  APP_VERSION: z.string().default('dev'),
});
export type HealthConfig = z.infer<typeof healthConfigSchema>;
