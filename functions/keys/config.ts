import { z } from 'zod';

const name = z.string().min(1);

/**
 * Environment of the vault functions, in slices: each function gets only the variables of the
 * resources its route binding grants (see `infra/definitions/route-bindings/vault.ts`), so each
 * loads only its slice and a missing one fails at cold start.
 */
export const vaultTableConfigSchema = z.object({ VAULT_TABLE: name });

/** Create and rotate: the table and the vault key (GenerateDataKey; Decrypt of the pepper). */
export const sealingConfigSchema = vaultTableConfigSchema.extend({ VAULT_KEY_ID: name });

/** Sign: the table, the vault key (Decrypt) and the rate-limit counters. */
export const signingConfigSchema = sealingConfigSchema.extend({ RATE_LIMITS_TABLE: name });
