import { z } from 'zod';
import {
  activitySchema,
  idParamsSchema,
  pageQuerySchema,
  sessionSchema,
  userSchema,
  usernameSchema,
} from './identity-schemas';
import { preferencesUpdateSchema, preferencesViewSchema } from './identity-preferences';
import { pageOf } from './common';
import { defineRoute } from './route-contract';

export const getProfileRoute = defineRoute({
  method: 'GET',
  path: '/api/auth/profile',
  summary: "The caller's account: status, KYC, fee tier, MFA, roles",
  tags: ['auth'],
  auth: 'user',
  response: userSchema,
  errors: [],
});

export const updateProfileRoute = defineRoute({
  method: 'PUT',
  path: '/api/auth/profile',
  summary: "Change the caller's display name (unique regardless of case; null clears it)",
  tags: ['auth'],
  auth: 'user',
  body: z.strictObject({ username: usernameSchema.nullable() }),
  response: userSchema,
  errors: ['CONFLICT'],
});

export const getPreferencesRoute = defineRoute({
  method: 'GET',
  path: '/api/users/me/preferences',
  summary: "The caller's preferences (defaults until saved)",
  tags: ['users'],
  auth: 'user',
  response: preferencesViewSchema,
  errors: [],
});

export const updatePreferencesRoute = defineRoute({
  method: 'PUT',
  path: '/api/users/me/preferences',
  summary: 'Change any subset of the preferences; the rest keep their values',
  tags: ['users'],
  auth: 'user',
  body: preferencesUpdateSchema,
  response: preferencesViewSchema,
  errors: [],
});

export const listSessionsRoute = defineRoute({
  method: 'GET',
  path: '/api/users/me/sessions',
  summary: "The caller's live sessions, newest first; `current` marks the calling one",
  tags: ['users'],
  auth: 'user',
  query: pageQuerySchema,
  response: pageOf(sessionSchema),
  errors: [],
});

export const revokeSessionRoute = defineRoute({
  method: 'DELETE',
  path: '/api/users/me/sessions/{id}',
  summary: "Revoke one of the caller's sessions; its tokens are refused from the next request",
  tags: ['users'],
  auth: 'user',
  params: idParamsSchema,
  response: z.object({ id: z.string(), revoked: z.literal(true) }),
  errors: ['NOT_FOUND'],
});

export const revokeSessionsRoute = defineRoute({
  method: 'DELETE',
  path: '/api/users/me/sessions',
  summary:
    "Revoke the caller's sessions: every other one (`scope=others`, the default) or all, this one included (`scope=all`)",
  tags: ['users'],
  auth: 'user',
  query: z.strictObject({ scope: z.enum(['others', 'all']).default('others') }),
  response: z.object({ revoked: z.number().int() }),
  errors: [],
});

export const listActivityRoute = defineRoute({
  method: 'GET',
  path: '/api/users/me/activity',
  summary:
    "The caller's security activity (sign-ins, failures, MFA, password and session events), newest first, 90 days",
  tags: ['users'],
  auth: 'user',
  query: pageQuerySchema,
  response: pageOf(activitySchema),
  errors: [],
});
