import type { UserEvent, UserEventType } from '../../shared/contracts/identity-events';
import { ConflictError, NotFoundError, PermissionDeniedError } from '../../shared/domain/errors';
import {
  canTransition,
  type AdminSettableStatus,
  type StatusChange,
} from '../../shared/domain/user-status';
import type { Identity } from '../../shared/http/identity';
import type { IdentityAdmin } from '../users/identity-provider';
import type { SessionStore, UserProfile, UserRepository } from '../users/ports';
import {
  recordSecurityEvent,
  type RequestContext,
  type SecurityEventDeps,
} from '../users/security-events';
import { revokeAllSessions } from '../users/sessions';

export interface ChangeStatusDeps extends SecurityEventDeps {
  readonly users: UserRepository;
  readonly sessions: SessionStore;
  readonly admin: IdentityAdmin;
}

const eventTypeOf = (to: AdminSettableStatus): UserEventType =>
  to === 'SUSPENDED' ? 'user.suspended' : to === 'CLOSED' ? 'user.closed' : 'user.reactivated';

/**
 * Keeps Cognito and the session registry in line with a status: an inactive account is disabled
 * at Cognito, every session is revoked (the authorizer refuses its tokens from the next
 * request) and, where Cognito supports it, every refresh token is signed out.
 */
async function enforce(deps: ChangeStatusDeps, userId: string, status: AdminSettableStatus) {
  if (status === 'ACTIVE') {
    await deps.admin.enable(userId);
    return 0;
  }
  await deps.admin.disable(userId);
  const revoked = await revokeAllSessions(
    deps.sessions,
    userId,
    deps.clock.now().toISOString(),
    `account ${status.toLowerCase()}`,
  );
  await deps.admin.signOutEverywhere(userId);
  return revoked;
}

/**
 * Moves an account along the lifecycle (`ACTIVE ⇄ SUSPENDED → CLOSED`) with a reason: the
 * profile, its history and a domain event for the trading side are written in one transaction,
 * then audited, then access is enforced. Setting the current status again re-enforces it
 * (idempotent, so a failed attempt can be retried; the change it finishes is already audited).
 * Officers cannot change their own status, and only admins that of an admin: a compliance
 * officer cannot lock the last admin out.
 */
export async function changeUserStatus(
  deps: ChangeStatusDeps,
  officer: Identity,
  userId: string,
  input: { status: AdminSettableStatus; reason: string },
  context: RequestContext,
): Promise<UserProfile> {
  const profile = await deps.users.get(userId);
  if (profile === undefined) throw new NotFoundError('No such user');
  if (officer.userId === userId) {
    throw new ConflictError('You cannot change the status of your own account');
  }
  if (profile.groups.includes('admin') && !officer.groups.includes('admin')) {
    throw new PermissionDeniedError('Only an admin can change the status of an admin account');
  }
  if (profile.status === input.status) {
    await enforce(deps, userId, input.status);
    return profile;
  }
  if (!canTransition(profile.status, input.status)) {
    throw new ConflictError(`An account cannot move from ${profile.status} to ${input.status}`);
  }
  const at = deps.clock.now().toISOString();
  const change: StatusChange = {
    userId,
    from: profile.status,
    to: input.status,
    reason: input.reason,
    actor: officer.userId,
    at,
  };
  const event: UserEvent = {
    type: eventTypeOf(input.status),
    version: 1,
    event_id: deps.ids.uuid(),
    user_id: userId,
    occurred_at: at,
    actor: officer.userId,
    reason: input.reason,
    from_status: profile.status,
  };
  const updated = await deps.users.changeStatus(change, [event]);
  await recordSecurityEvent(deps, {
    userId,
    type: 'status.changed',
    result: 'success',
    context,
    actor: { type: 'admin', id: officer.userId },
    details: { from: change.from, to: change.to, reason: input.reason },
  });
  await enforce(deps, userId, input.status);
  return updated;
}
