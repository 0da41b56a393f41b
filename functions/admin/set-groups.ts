import { ConflictError, NotFoundError } from '../../shared/domain/errors';
import { normaliseGroups, type UserGroup } from '../../shared/domain/identity';
import type { Identity } from '../../shared/http/identity';
import type { IdentityAdmin } from '../users/identity-provider';
import type { UserProfile, UserRepository } from '../users/ports';
import {
  recordSecurityEvent,
  type RequestContext,
  type SecurityEventDeps,
} from '../users/security-events';

export interface GroupsDeps extends SecurityEventDeps {
  readonly users: UserRepository;
  readonly admin: IdentityAdmin;
}

/**
 * Sets an account's roles (`trader` always kept). Cognito's groups change first, then the
 * profile the authorizer reads: a removed role is refused on the very next request (the
 * authorizer trusts only roles in both the token and the profile), an added one arrives with
 * the next token. Admins cannot remove their own `admin` role. Two officers racing: the one
 * whose read is stale gets CONFLICT, and its Cognito change is undone.
 */
export async function setUserGroups(
  deps: GroupsDeps,
  officer: Identity,
  userId: string,
  input: { groups: readonly UserGroup[]; reason: string },
  context: RequestContext,
): Promise<UserProfile> {
  const profile = await deps.users.get(userId);
  if (profile === undefined) throw new NotFoundError('No such user');
  const groups = normaliseGroups(input.groups);
  if (officer.userId === userId && profile.groups.includes('admin') && !groups.includes('admin')) {
    throw new ConflictError('You cannot remove your own admin role');
  }
  const added = groups.filter((g) => !profile.groups.includes(g));
  const removed = profile.groups.filter((g) => !groups.includes(g));
  if (added.length === 0 && removed.length === 0) return profile;
  await Promise.all([
    ...added.map((group) => deps.admin.addToGroup(userId, group)),
    ...removed.map((group) => deps.admin.removeFromGroup(userId, group)),
  ]);
  let updated: UserProfile;
  try {
    updated = await deps.users.setGroups(profile, groups, deps.clock.now().toISOString());
  } catch (error) {
    // Another officer changed the roles since the read: undo this change in Cognito too, so
    // Cognito and the profile the officer reloads agree.
    if (error instanceof ConflictError) {
      await Promise.allSettled([
        ...added.map((group) => deps.admin.removeFromGroup(userId, group)),
        ...removed.map((group) => deps.admin.addToGroup(userId, group)),
      ]);
    }
    throw error;
  }
  await recordSecurityEvent(deps, {
    userId,
    type: 'groups.changed',
    result: 'success',
    context,
    actor: { type: 'admin', id: officer.userId },
    details: { reason: input.reason, added, removed },
  });
  return updated;
}
