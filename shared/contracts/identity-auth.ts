import { z } from 'zod';
import {
  currentPasswordSchema,
  emailSchema,
  mailedCodeSchema,
  mfaChallengeSchema,
  newPasswordSchema,
  tokensSchema,
  totpCodeSchema,
  userStatusSchema,
  usernameSchema,
} from './identity-schemas';
import { defineRoute } from './route-contract';

const tags = ['auth'];

export const registerRoute = defineRoute({
  method: 'POST',
  path: '/api/auth/register',
  summary:
    'Sign up; a verification code is mailed. Answers the same for an address already registered (its owner is told by mail)',
  tags,
  auth: 'public',
  body: z.strictObject({
    email: emailSchema,
    password: newPasswordSchema,
    username: usernameSchema.optional(),
  }),
  response: z.object({ user_id: z.string(), email: z.string(), status: userStatusSchema }),
  successStatus: 201,
  errors: [],
});

export const confirmRoute = defineRoute({
  method: 'POST',
  path: '/api/auth/confirm',
  summary: 'Confirm the email with the mailed code; the account becomes ACTIVE',
  tags,
  auth: 'public',
  body: z.strictObject({ email: emailSchema, code: mailedCodeSchema }),
  response: z.object({ status: userStatusSchema }),
  errors: ['RATE_LIMIT_EXCEEDED'],
});

export const loginRoute = defineRoute({
  method: 'POST',
  path: '/api/auth/login',
  summary:
    'Sign in with email and password: tokens and a new session, or a TOTP challenge when MFA is on',
  tags,
  auth: 'public',
  body: z.strictObject({ email: emailSchema, password: currentPasswordSchema }),
  response: z.union([tokensSchema, mfaChallengeSchema]),
  errors: ['AUTHENTICATION_FAILED', 'RATE_LIMIT_EXCEEDED'],
});

export const verifyTwoFactorRoute = defineRoute({
  method: 'POST',
  path: '/api/auth/verify-2fa',
  summary: 'Answer the TOTP challenge of a sign-in; tokens and a new session',
  tags,
  auth: 'public',
  body: z.strictObject({
    email: emailSchema,
    session: z.string().min(1).max(4096),
    code: totpCodeSchema,
  }),
  response: tokensSchema,
  errors: ['AUTHENTICATION_FAILED', 'RATE_LIMIT_EXCEEDED'],
});

export const refreshRoute = defineRoute({
  method: 'POST',
  path: '/api/auth/refresh',
  summary: "A new access token for the refresh token's session, while that session is live",
  tags,
  auth: 'public',
  body: z.strictObject({ refresh_token: z.string().min(1).max(8192) }),
  response: tokensSchema.omit({ refresh_token: true }),
  errors: ['AUTHENTICATION_FAILED'],
});

export const logoutRoute = defineRoute({
  method: 'POST',
  path: '/api/auth/logout',
  summary:
    "Revoke the caller's session; its tokens are refused from the next request. Send the refresh token to revoke it at Cognito too",
  tags,
  auth: 'user',
  body: z.strictObject({ refresh_token: z.string().min(1).max(8192).optional() }),
  response: z.object({ session_id: z.string(), revoked: z.literal(true) }),
  errors: [],
});

export const changePasswordRoute = defineRoute({
  method: 'POST',
  path: '/api/auth/change-password',
  summary: 'Change the password; every other session is revoked',
  tags,
  auth: 'user',
  body: z.strictObject({
    previous_password: currentPasswordSchema,
    proposed_password: newPasswordSchema,
  }),
  response: z.object({ changed: z.literal(true), sessions_revoked: z.number().int() }),
  errors: ['RATE_LIMIT_EXCEEDED'],
});

export const forgotPasswordRoute = defineRoute({
  method: 'POST',
  path: '/api/auth/forgot-password',
  summary: 'Mail a reset code if the account exists; answers the same either way',
  tags,
  auth: 'public',
  body: z.strictObject({ email: emailSchema }),
  response: z.object({ accepted: z.literal(true) }),
  successStatus: 202,
  errors: [],
});

export const resetPasswordRoute = defineRoute({
  method: 'POST',
  path: '/api/auth/reset-password',
  summary: 'Set a new password with the mailed reset code; every session is revoked',
  tags,
  auth: 'public',
  body: z.strictObject({ email: emailSchema, code: mailedCodeSchema, password: newPasswordSchema }),
  response: z.object({ reset: z.literal(true) }),
  errors: ['RATE_LIMIT_EXCEEDED'],
});

export const enableTwoFactorRoute = defineRoute({
  method: 'POST',
  path: '/api/auth/enable-2fa',
  summary: 'Start TOTP enrolment: a secret for the authenticator app (shown once)',
  tags,
  auth: 'user',
  body: z.strictObject({}),
  response: z.object({ secret: z.string(), otpauth_uri: z.string() }),
  errors: ['CONFLICT'],
});

export const confirmTwoFactorRoute = defineRoute({
  method: 'POST',
  path: '/api/auth/confirm-2fa',
  summary: 'Finish TOTP enrolment with a code from the app; sign-ins then ask for a code',
  tags,
  auth: 'user',
  body: z.strictObject({ code: totpCodeSchema }),
  response: z.object({ mfa_enabled: z.literal(true) }),
  errors: ['CONFLICT'],
});

export const disableTwoFactorRoute = defineRoute({
  method: 'POST',
  path: '/api/auth/disable-2fa',
  summary: 'Turn TOTP off; needs the password and a current code',
  tags,
  auth: 'user',
  body: z.strictObject({ password: currentPasswordSchema, code: totpCodeSchema }),
  response: z.object({ mfa_enabled: z.literal(false) }),
  errors: ['CONFLICT', 'RATE_LIMIT_EXCEEDED'],
});
