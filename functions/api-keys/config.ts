import { z } from 'zod';

const name = z.string().min(1);

/**
 * Environment of the API-key functions, in slices matching their grants
 * (`infra/definitions/route-bindings/api-keys.ts`).
 */
export const listConfigSchema = z.object({ USERS_TABLE: name, RATE_LIMITS_TABLE: name });
export const deleteConfigSchema = z.object({ USERS_TABLE: name });
/** Create: the key store, the API-key key (GenerateDataKey) and the MFA key (step-up). */
export const createConfigSchema = z.object({
  USERS_TABLE: name,
  API_KEYS_KEY_ID: name,
  MFA_KEY_ID: name,
});
