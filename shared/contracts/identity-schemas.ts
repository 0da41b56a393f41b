import { z } from 'zod';
import {
  FEE_TIER_MAX,
  FEE_TIER_MIN,
  KYC_LEVEL_MAX,
  KYC_LEVEL_MIN,
  kycStatuses,
  userGroups,
} from '../domain/identity';
import { PASSWORD_MAX_LENGTH, passwordProblems } from '../domain/password-policy';
import { userStatuses } from '../domain/user-status';
import { isoTimestamp, pageQueryFields } from './common';

/**
 * An email address, trimmed and lower-cased: Cognito usernames and our lookups agree on it. At
 * most 128 characters, Cognito's limit on a username, which the address is.
 */
export const emailSchema = z.string().trim().toLowerCase().max(128).pipe(z.email());

/**
 * A new password under the policy (`shared/domain/password-policy.ts`). Each broken rule is
 * one issue on the field; the password itself never appears in a message.
 */
export const newPasswordSchema = z.string().superRefine((value, context) => {
  for (const message of passwordProblems(value)) context.addIssue({ code: 'custom', message });
});

/** A password presented to sign in: bounded, never checked against the policy (old ones pass). */
export const currentPasswordSchema = z.string().min(1).max(PASSWORD_MAX_LENGTH);

/** A code Cognito mailed (sign-up confirmation, password reset). */
export const mailedCodeSchema = z
  .string()
  .regex(/^[0-9]{4,10}$/, 'Must be the code from the email');

/** A six-digit TOTP code from an authenticator app. */
export const totpCodeSchema = z.string().regex(/^[0-9]{6}$/, 'Must be a 6-digit code');

/** A public display name, unique without regard to case. */
export const usernameSchema = z
  .string()
  .regex(/^[A-Za-z0-9_.-]{3,32}$/, 'Must be 3-32 letters, digits, dots, dashes or underscores');

export const userStatusSchema = z.enum(userStatuses);
export const kycStatusSchema = z.enum(kycStatuses);
export const groupSchema = z.enum(userGroups);
export const kycLevelSchema = z.number().int().min(KYC_LEVEL_MIN).max(KYC_LEVEL_MAX);
export const feeTierSchema = z.number().int().min(FEE_TIER_MIN).max(FEE_TIER_MAX);
export const reasonSchema = z.string().trim().min(3).max(500);

/** Ids we mint (sessions, activity) and Cognito `sub`s are UUIDs. */
export const idSchema = z.uuid();
export const idParamsSchema = z.strictObject({ id: idSchema });

/** The account as apps and admins see it. */
export const userSchema = z.object({
  user_id: z.string(),
  email: z.string(),
  username: z.string().nullable(),
  status: userStatusSchema,
  kyc_status: kycStatusSchema,
  kyc_level: z.number().int(),
  fee_tier: z.number().int(),
  mfa_enabled: z.boolean(),
  groups: z.array(groupSchema),
  created_at: isoTimestamp,
  updated_at: isoTimestamp,
  last_login_at: isoTimestamp.nullable(),
});
export type UserView = z.infer<typeof userSchema>;

/** Tokens of a signed-in session. `expires_in` is the access token's lifetime in seconds. */
export const tokensSchema = z.object({
  access_token: z.string(),
  refresh_token: z.string(),
  id_token: z.string(),
  expires_in: z.number().int().positive(),
  token_type: z.literal('Bearer'),
  session_id: z.string(),
});

/** A sign-in that needs the TOTP code: continue with `POST /api/auth/verify-2fa`. */
export const mfaChallengeSchema = z.object({
  mfa_required: z.literal(true),
  challenge: z.literal('SOFTWARE_TOKEN_MFA'),
  session: z.string(),
});

/** List routes: `limit` (1-100, default 20) and the opaque `cursor` of the previous page. */
export const pageQueryShape = pageQueryFields(20);
export const pageQuerySchema = z.strictObject(pageQueryShape);

export const sessionSchema = z.object({
  id: z.string(),
  ip: z.string(),
  user_agent: z.string(),
  created_at: isoTimestamp,
  last_seen_at: isoTimestamp,
  expires_at: isoTimestamp,
  current: z.boolean(),
});

export const activitySchema = z.object({
  id: z.string(),
  type: z.string(),
  result: z.enum(['success', 'failure', 'denied']),
  at: isoTimestamp,
  ip: z.string().nullable(),
  user_agent: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
});

export const statusChangeSchema = z.object({
  from: userStatusSchema,
  to: userStatusSchema,
  reason: z.string(),
  actor: z.string(),
  at: isoTimestamp,
});
