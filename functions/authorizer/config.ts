import { z } from 'zod';

/** What verifying a Cognito access token and its session needs (also used by `$connect`). */
export const jwtConfigSchema = z.object({
  AWS_REGION: z.string().min(1),
  USER_POOL_ID: z.string().min(1),
  USER_POOL_CLIENT_ID: z.string().min(1),
  /** The session registry, profiles and API keys the authorizer checks on every request. */
  USERS_TABLE: z.string().min(1),
  /** Set only against the local stack; tokens are then issued by cognito-local at this URL. */
  AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER: z.url().optional(),
});

export const authorizerConfigSchema = jwtConfigSchema.extend({
  /** The signature replay cache and API keys' last use. */
  RATE_LIMITS_TABLE: z.string().min(1),
  /** The key API-key secrets are sealed under (Decrypt, purpose `platform-api-key`). */
  API_KEYS_KEY_ID: z.string().min(1),
});
export type AuthorizerConfig = z.infer<typeof authorizerConfigSchema>;

/** The issuer Cognito writes into tokens: the regional endpoint in AWS, the emulator locally. */
export function issuerOf(config: z.infer<typeof jwtConfigSchema>): string {
  const local = config.AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER;
  const base = local ?? `https://cognito-idp.${config.AWS_REGION}.amazonaws.com`;
  return `${base.replace(/\/+$/, '')}/${config.USER_POOL_ID}`;
}
