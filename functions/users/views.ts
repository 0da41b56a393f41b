import type { z } from 'zod';
import type {
  activitySchema,
  sessionSchema,
  statusChangeSchema,
  UserView,
} from '../../shared/contracts/identity-schemas';
import type { StatusChange } from '../../shared/domain/user-status';
import type { ActivityEntry, Session, UserProfile } from './ports';

/** The API's snake_case view of a profile. */
export function userView(p: UserProfile): UserView {
  return {
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

export function sessionView(
  s: Session,
  currentId: string | undefined,
): z.input<typeof sessionSchema> {
  return {
    id: s.id,
    ip: s.ip,
    user_agent: s.userAgent,
    created_at: s.createdAt,
    last_seen_at: s.lastSeenAt,
    expires_at: s.expiresAt,
    current: s.id === currentId,
  };
}

export function activityView(a: ActivityEntry): z.input<typeof activitySchema> {
  return {
    id: a.id,
    type: a.type,
    result: a.result,
    at: a.at,
    ip: a.ip,
    user_agent: a.userAgent,
    details: { ...a.details },
  };
}

export function statusChangeView(c: StatusChange): z.input<typeof statusChangeSchema> {
  return { from: c.from, to: c.to, reason: c.reason, actor: c.actor, at: c.at };
}

/** The answer of every sign-in (login without MFA, verify-2fa). */
export function tokensView(s: {
  accessToken: string;
  refreshToken: string;
  idToken: string;
  expiresIn: number;
  sessionId: string;
}) {
  return {
    access_token: s.accessToken,
    refresh_token: s.refreshToken,
    id_token: s.idToken,
    expires_in: s.expiresIn,
    token_type: 'Bearer' as const,
    session_id: s.sessionId,
  };
}

/** A page in the API's shape. */
export function pageView<T, V>(
  page: { items: readonly T[]; nextCursor: string | null },
  view: (item: T) => V,
) {
  return { items: page.items.map(view), next_cursor: page.nextCursor };
}
