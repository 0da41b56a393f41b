import { z } from 'zod';

const name = z.string().min(1);
const limit = (fallback: number) => z.coerce.number().int().min(1).max(10_000).default(fallback);

/** What every stream function needs: the Streams table, the callback URL, the limits. */
export const streamsConfigSchema = z.object({
  STREAMS_TABLE: name,
  /** The WebSocket stage's Management API URL (locally the ws gateway's own URL). */
  WS_CALLBACK_URL: z.url(),
  /** Open connections per user (10). */
  WS_MAX_CONNECTIONS_PER_USER: limit(10),
  /** Open connections per source address (100). */
  WS_MAX_CONNECTIONS_PER_IP: limit(100),
  /** Subscriptions per connection (50). */
  WS_MAX_SUBSCRIPTIONS: limit(50),
});

/** `$connect` verifies tokens as the HTTP authorizer does (`functions/authorizer/config.ts`). */
export const connectConfigSchema = streamsConfigSchema.extend({
  AWS_REGION: name,
  USER_POOL_ID: name,
  USER_POOL_CLIENT_ID: name,
  USERS_TABLE: name,
  AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER: z.url().optional(),
});

/** The heartbeat re-checks each connection's session in the Users table. */
export const heartbeatConfigSchema = streamsConfigSchema.extend({ USERS_TABLE: name });

/** The stream processor tells the three streamed tables apart by name, and reads tickers. */
export const processorConfigSchema = streamsConfigSchema.extend({
  TRADING_TABLE: name,
  MARKET_DATA_TABLE: name,
});

/** The issuer Cognito writes into tokens, as `functions/authorizer/config.ts` computes it. */
export function cognitoIssuer(config: {
  AWS_REGION: string;
  USER_POOL_ID: string;
  AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER?: string | undefined;
}): string {
  const local = config.AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER;
  const base = local ?? `https://cognito-idp.${config.AWS_REGION}.amazonaws.com`;
  return `${base.replace(/\/+$/, '')}/${config.USER_POOL_ID}`;
}
