import { z } from 'zod';
import { kycStatuses, userGroups } from '../../shared/domain/identity';
import { userStatuses, type StatusChange } from '../../shared/domain/user-status';
import type { Session, UserProfile } from './ports';

/**
 * The Users table's item layout (pk/sk strings; gsi1 and gsi2 overloaded by prefix; TTL in
 * `expires_at`, epoch seconds). One partition per user holds everything about them:
 *
 * | pk                  | sk                         | what                                      |
 * | ------------------- | -------------------------- | ----------------------------------------- |
 * | `USER#<sub>`        | `PROFILE`                  | profile; gsi1 `EMAIL#<c>`/email, gsi2 `STATUS#<s>`/`<created>#<sub>` |
 * | `USER#<sub>`        | `INDEX#KYC`                | gsi1 `KYC#<kyc>`, gsi2 `USERS` (all users), both by `<created>#<sub>` |
 * | `USER#<sub>`        | `INDEX#GROUP#<group>`      | gsi1 `GROUP#<group>` by `<created>#<sub>` |
 * | `USER#<sub>`        | `PREFERENCES`              | the preferences document                  |
 * | `USER#<sub>`        | `TOTP`                     | sealed TOTP secret, step-up replay guard (`shared/aws/dynamo-totp-enrolments.ts`) |
 * | `USER#<sub>`        | `STATUS#<at>#<id>`         | one status change                         |
 * | `USER#<sub>`        | `SESSION#<id>`             | a session (TTL at its expiry)             |
 * | `USER#<sub>`        | `TOKEN#<jti>`              | access token → session (TTL at token expiry) |
 * | `USER#<sub>`        | `ACTIVITY#<at>#<id>`       | one activity entry (TTL 90 days)          |
 * | `REFRESH#<sha256>`  | `REFRESH`                  | refresh-token hash → session (TTL at session expiry) |
 * | `USERNAME#<lower>`  | `USERNAME`                 | username claim → user                     |
 * | `OUTBOX#USER_EVENTS`| `<at>#<event id>`          | domain events (TTL 30 days)               |
 */
export const userPk = (userId: string): string => `USER#${userId}`;
export const PROFILE_SK = 'PROFILE';
export const PREFERENCES_SK = 'PREFERENCES';
export const KYC_INDEX_SK = 'INDEX#KYC';
export const ALL_USERS_INDEX_PK = 'USERS';
export const groupIndexSk = (group: string): string => `INDEX#GROUP#${group}`;
export const sessionSk = (sessionId: string): string => `SESSION#${sessionId}`;
export const tokenSk = (tokenId: string): string => `TOKEN#${tokenId}`;
export const statusSk = (at: string, id: string): string => `STATUS#${at}#${id}`;
export const activitySk = (at: string, id: string): string => `ACTIVITY#${at}#${id}`;
export const refreshKey = (hash: string) => ({ pk: `REFRESH#${hash}`, sk: 'REFRESH' });
export const usernameKey = (username: string) => ({
  pk: `USERNAME#${username.toLowerCase()}`,
  sk: 'USERNAME',
});

export const emailIndexPk = (emailOrPrefix: string): string => `EMAIL#${emailOrPrefix.charAt(0)}`;
export const createdSortKey = (createdAt: string, userId: string): string =>
  `${createdAt}#${userId}`;

/** Epoch seconds for DynamoDB TTL. */
export const epochSeconds = (iso: string): number => Math.floor(Date.parse(iso) / 1000);

const profileItemSchema = z.object({
  user_id: z.string(),
  email: z.string(),
  username: z.string().nullable().default(null),
  status: z.enum(userStatuses),
  kyc_status: z.enum(kycStatuses),
  kyc_level: z.number().int(),
  fee_tier: z.number().int(),
  mfa_enabled: z.boolean(),
  groups: z.array(z.enum(userGroups)),
  created_at: z.string(),
  updated_at: z.string(),
  last_login_at: z.string().nullable().default(null),
});

export function profileFromItem(item: Record<string, unknown>): UserProfile {
  const p = profileItemSchema.parse(item);
  return {
    userId: p.user_id,
    email: p.email,
    username: p.username,
    status: p.status,
    kycStatus: p.kyc_status,
    kycLevel: p.kyc_level,
    feeTier: p.fee_tier,
    mfaEnabled: p.mfa_enabled,
    groups: p.groups,
    createdAt: p.created_at,
    updatedAt: p.updated_at,
    lastLoginAt: p.last_login_at,
  };
}

export function profileItem(p: UserProfile): Record<string, unknown> {
  return {
    pk: userPk(p.userId),
    sk: PROFILE_SK,
    gsi1pk: emailIndexPk(p.email),
    gsi1sk: p.email,
    gsi2pk: `STATUS#${p.status}`,
    gsi2sk: createdSortKey(p.createdAt, p.userId),
    user_id: p.userId,
    email: p.email,
    username: p.username,
    status: p.status,
    kyc_status: p.kycStatus,
    kyc_level: p.kycLevel,
    fee_tier: p.feeTier,
    mfa_enabled: p.mfaEnabled,
    groups: [...p.groups],
    created_at: p.createdAt,
    updated_at: p.updatedAt,
    last_login_at: p.lastLoginAt,
  };
}

export function kycIndexItem(p: UserProfile): Record<string, unknown> {
  return {
    pk: userPk(p.userId),
    sk: KYC_INDEX_SK,
    gsi1pk: `KYC#${p.kycStatus}`,
    gsi1sk: createdSortKey(p.createdAt, p.userId),
    gsi2pk: ALL_USERS_INDEX_PK,
    gsi2sk: createdSortKey(p.createdAt, p.userId),
    user_id: p.userId,
  };
}

export function groupIndexItem(p: UserProfile, group: string): Record<string, unknown> {
  return {
    pk: userPk(p.userId),
    sk: groupIndexSk(group),
    gsi1pk: `GROUP#${group}`,
    gsi1sk: createdSortKey(p.createdAt, p.userId),
    user_id: p.userId,
  };
}

export function statusChangeItem(change: StatusChange, id: string): Record<string, unknown> {
  return {
    pk: userPk(change.userId),
    sk: statusSk(change.at, id),
    from: change.from,
    to: change.to,
    reason: change.reason,
    actor: change.actor,
    at: change.at,
  };
}

const statusItemSchema = z.object({
  from: z.enum(userStatuses),
  to: z.enum(userStatuses),
  reason: z.string(),
  actor: z.string(),
  at: z.string(),
});

export function statusChangeFromItem(userId: string, item: Record<string, unknown>): StatusChange {
  return { userId, ...statusItemSchema.parse(item) };
}

const sessionItemSchema = z.object({
  session_id: z.string(),
  user_id: z.string(),
  ip: z.string(),
  user_agent: z.string(),
  created_at: z.string(),
  last_seen_at: z.string(),
  session_expires_at: z.string(),
  revoked_at: z.string().nullable().default(null),
});

export function sessionItem(s: Session): Record<string, unknown> {
  return {
    pk: userPk(s.userId),
    sk: sessionSk(s.id),
    session_id: s.id,
    user_id: s.userId,
    ip: s.ip,
    user_agent: s.userAgent,
    created_at: s.createdAt,
    last_seen_at: s.lastSeenAt,
    session_expires_at: s.expiresAt,
    ...(s.revokedAt === null ? {} : { revoked_at: s.revokedAt }),
    expires_at: epochSeconds(s.expiresAt),
  };
}

export function sessionFromItem(item: Record<string, unknown>): Session {
  const s = sessionItemSchema.parse(item);
  return {
    id: s.session_id,
    userId: s.user_id,
    ip: s.ip,
    userAgent: s.user_agent,
    createdAt: s.created_at,
    lastSeenAt: s.last_seen_at,
    expiresAt: s.session_expires_at,
    revokedAt: s.revoked_at,
  };
}

/** The access-token item the authorizer reads: which session a `jti` belongs to. */
export const tokenItemSchema = z.object({ session_id: z.string(), expires_at: z.number() });
