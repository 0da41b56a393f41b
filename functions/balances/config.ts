import { z } from 'zod';

const name = z.string().min(1);
const flag = z
  .enum(['true', 'false'])
  .default('false')
  .transform((value) => value === 'true');

/**
 * Environment of the account functions, in slices matching their route bindings
 * (`infra/definitions/route-bindings/trading.ts`): each loads only what it was granted.
 */
export const tradingTableConfigSchema = z.object({ TRADING_TABLE: name });

/** The fee tier: identity's profiles only (status, KYC level, fee tier, MFA). */
export const usersConfigSchema = z.object({ USERS_TABLE: name });

/** Plus the identity profiles. */
export const profileConfigSchema = tradingTableConfigSchema.extend({ USERS_TABLE: name });

/**
 * Plus the audit trail and the sandbox switch: `SANDBOX=true` (a sandbox deployment) or
 * `LOCAL_MODE=true` (the local stack) turns the faucet on.
 */
export const accountWriteConfigSchema = profileConfigSchema.extend({
  AUDIT_TABLE: name,
  SANDBOX: flag,
  LOCAL_MODE: flag,
});
