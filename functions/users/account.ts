import {
  defaultPreferences,
  preferencesSchema,
  type Preferences,
  type PreferencesUpdate,
} from '../../shared/contracts/identity-preferences';
import { NotFoundError } from '../../shared/domain/errors';
import type { Identity } from '../../shared/http/identity';
import type { Clock, PreferencesStore, UserProfile, UserRepository } from './ports';
import {
  recordSecurityEvent,
  type RequestContext,
  type SecurityEventDeps,
} from './security-events';

/** The caller's profile; the authorizer only admits callers who have one. */
export async function getProfile(users: UserRepository, identity: Identity): Promise<UserProfile> {
  const profile = await users.get(identity.userId);
  if (profile === undefined) throw new NotFoundError('No such user');
  return profile;
}

/** Changes the caller's display name; a name taken by someone else (in any case) is CONFLICT. */
export async function updateProfile(
  deps: SecurityEventDeps & { readonly users: UserRepository },
  identity: Identity,
  username: string | null,
  context: RequestContext,
): Promise<UserProfile> {
  const profile = await getProfile(deps.users, identity);
  if (profile.username === username) return profile;
  const updated = await deps.users.setUsername(profile, username, deps.clock.now().toISOString());
  await recordSecurityEvent(deps, {
    userId: identity.userId,
    type: 'profile.updated',
    result: 'success',
    context,
    details: { username: { before: profile.username, after: updated.username } },
  });
  return updated;
}

export interface PreferencesView {
  readonly preferences: Preferences;
  readonly updatedAt: string | null;
}

export async function getPreferences(
  store: PreferencesStore,
  identity: Identity,
): Promise<PreferencesView> {
  const stored = await store.get(identity.userId);
  return stored ?? { preferences: defaultPreferences, updatedAt: null };
}

/**
 * Merges a partial update into the stored (or default) document and validates the whole again
 * before saving, so the stored document is always complete and valid.
 */
export async function updatePreferences(
  deps: { readonly preferences: PreferencesStore; readonly clock: Clock },
  identity: Identity,
  update: PreferencesUpdate,
): Promise<PreferencesView> {
  const { preferences: current } = await getPreferences(deps.preferences, identity);
  const merged = preferencesSchema.parse({
    theme: update.theme ?? current.theme,
    language: update.language ?? current.language,
    timezone: update.timezone ?? current.timezone,
    notifications: {
      email: { ...current.notifications.email, ...update.notifications?.email },
      push: { ...current.notifications.push, ...update.notifications?.push },
    },
  });
  const at = deps.clock.now().toISOString();
  await deps.preferences.put(identity.userId, merged, at);
  return { preferences: merged, updatedAt: at };
}
