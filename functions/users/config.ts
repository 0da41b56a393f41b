import { z } from 'zod';

const name = z.string().min(1);

/** What every identity function needs: the Users table and the user pool. */
export const coreConfigSchema = z.object({
  USERS_TABLE: name,
  USER_POOL_ID: name,
  USER_POOL_CLIENT_ID: name,
  /** How long a session lives without a new sign-in; matches the refresh token's validity. */
  SESSION_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
  TOTP_ISSUER: z.string().min(1).max(64).default('Exchange'),
});
export type CoreConfig = z.infer<typeof coreConfigSchema>;

/** enable-2fa seals the new TOTP secret under the MFA key before handing it out. */
export const totpKeyConfigSchema = z.object({ MFA_KEY_ID: name });

/** Functions that throttle guesses or rate notices also need the RateLimits table. */
export const throttleConfigSchema = z.object({ RATE_LIMITS_TABLE: name });

/**
 * Where notices go: the local mailbox in local mode, else SES from a verified sender. One of the
 * two must be set, or the function refuses to start.
 */
export const mailConfigSchema = z
  .object({
    LOCAL_MAILBOX_DIR: z.string().min(1).optional(),
    MAIL_FROM: z.email().optional(),
  })
  .refine((c) => c.LOCAL_MAILBOX_DIR !== undefined || c.MAIL_FROM !== undefined, {
    message: 'set MAIL_FROM (SES sender) or LOCAL_MAILBOX_DIR (local mailbox)',
  });
