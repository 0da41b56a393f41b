import { z } from 'zod';
import { adminSettableStatuses } from '../domain/user-status';
import { isoTimestamp, pageOf } from './common';
import {
  feeTierSchema,
  groupSchema,
  idParamsSchema,
  kycLevelSchema,
  kycStatusSchema,
  pageQueryShape,
  reasonSchema,
  statusChangeSchema,
  userSchema,
  userStatusSchema,
} from './identity-schemas';
import { defineRoute } from './route-contract';

const tags = ['admin'];
const readers = ['admin', 'compliance', 'auditor'] as const;
const officers = ['admin', 'compliance'] as const;

/**
 * An ISO time as the millisecond form creation times are stored in, so text order is time order
 * (`…00Z` would sort after `…00.000Z`, and `…00.5Z` before `…00Z`).
 */
const instant = isoTimestamp.transform((text) => new Date(text).toISOString());

/**
 * Admin search: by email prefix, status, KYC status or group, each optionally within a
 * creation range; criteria combine (the most selective one drives the index). Pages may hold
 * fewer than `limit` items when criteria combine; follow `next_cursor` until it is null.
 */
export const searchUsersQuerySchema = z
  .strictObject({
    email_prefix: z.string().trim().toLowerCase().min(1).max(254).optional(),
    status: userStatusSchema.optional(),
    kyc_status: kycStatusSchema.optional(),
    group: groupSchema.optional(),
    created_from: instant.optional(),
    created_to: instant.optional(),
    ...pageQueryShape,
  })
  .refine(
    (q) =>
      q.created_from === undefined || q.created_to === undefined || q.created_from <= q.created_to,
    { message: 'created_from must not be after created_to', path: ['created_from'] },
  );
export type SearchUsersQuery = z.infer<typeof searchUsersQuerySchema>;

export const searchUsersRoute = defineRoute({
  method: 'GET',
  path: '/api/admin/users',
  summary: 'Search accounts by email prefix, status, KYC status, group and creation range',
  tags,
  auth: 'user',
  groups: readers,
  query: searchUsersQuerySchema,
  response: pageOf(userSchema),
  errors: [],
});

export const getUserRoute = defineRoute({
  method: 'GET',
  path: '/api/admin/users/{id}',
  summary: 'One account with its status history, newest first',
  tags,
  auth: 'user',
  groups: readers,
  params: idParamsSchema,
  response: userSchema.extend({ status_history: z.array(statusChangeSchema) }),
  errors: ['NOT_FOUND'],
});

export const setUserStatusRoute = defineRoute({
  method: 'PUT',
  path: '/api/admin/users/{id}/status',
  summary:
    'Move an account ACTIVE ⇄ SUSPENDED or to CLOSED (terminal), with a reason. Suspending or closing disables sign-in and revokes every session at once',
  tags,
  auth: 'user',
  groups: officers,
  params: idParamsSchema,
  body: z.strictObject({ status: z.enum(adminSettableStatuses), reason: reasonSchema }),
  response: userSchema,
  errors: ['NOT_FOUND', 'CONFLICT'],
});

export const setUserKycRoute = defineRoute({
  method: 'PUT',
  path: '/api/admin/users/{id}/kyc',
  summary: 'Set KYC status, KYC level (0-3) and fee tier (1-5), with a reason',
  tags,
  auth: 'user',
  groups: officers,
  params: idParamsSchema,
  body: z
    .strictObject({
      kyc_status: kycStatusSchema.optional(),
      kyc_level: kycLevelSchema.optional(),
      fee_tier: feeTierSchema.optional(),
      reason: reasonSchema,
    })
    .refine(
      (b) => b.kyc_status !== undefined || b.kyc_level !== undefined || b.fee_tier !== undefined,
      'Name at least one of kyc_status, kyc_level, fee_tier',
    ),
  response: userSchema,
  errors: ['NOT_FOUND', 'CONFLICT'],
});

export const setUserGroupsRoute = defineRoute({
  method: 'PUT',
  path: '/api/admin/users/{id}/groups',
  summary:
    'Set the roles of an account (`trader` is always kept). A removed role is refused at once; an added one arrives with the next token',
  tags,
  auth: 'user',
  groups: ['admin'],
  params: idParamsSchema,
  body: z.strictObject({ groups: z.array(groupSchema).max(4), reason: reasonSchema }),
  response: userSchema,
  errors: ['NOT_FOUND', 'CONFLICT'],
});
