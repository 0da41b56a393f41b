import type { UserEvent } from '../../../../shared/contracts/identity-events';
import type { Preferences } from '../../../../shared/contracts/identity-preferences';
import { ConflictError, NotFoundError } from '../../../../shared/domain/errors';
import type { StatusChange } from '../../../../shared/domain/user-status';
import type {
  ActivityEntry,
  ActivityLog,
  IssuedToken,
  Page,
  PageRequest,
  PreferencesStore,
  Session,
  SessionStore,
  UserDirectory,
  UserProfile,
  UserRepository,
  UserSearch,
} from '../../../../functions/users/ports';

const page = <T>(all: readonly T[], request: PageRequest): Page<T> => {
  const start = request.cursor === undefined ? 0 : Number(request.cursor);
  const items = all.slice(start, start + request.limit);
  const next = start + request.limit < all.length ? String(start + request.limit) : null;
  return { items, nextCursor: next };
};

/** Profiles, history, usernames and the outbox, in maps. */
export class InMemoryUsers implements UserRepository, UserDirectory {
  readonly profiles = new Map<string, UserProfile>();
  readonly history: StatusChange[] = [];
  readonly outbox: UserEvent[] = [];
  readonly usernames = new Map<string, string>();

  async get(userId: string) {
    return this.profiles.get(userId);
  }

  async findByEmail(email: string) {
    return [...this.profiles.values()].find((p) => p.email === email);
  }

  async create(profile: UserProfile, change: StatusChange) {
    if (this.profiles.has(profile.userId)) return false;
    const name = profile.username?.toLowerCase();
    const free = name === undefined || !this.usernames.has(name);
    if (name !== undefined && free) this.usernames.set(name, profile.userId);
    this.profiles.set(profile.userId, free ? profile : { ...profile, username: null });
    this.history.push(change);
    return true;
  }

  private update(userId: string, patch: Partial<UserProfile>): UserProfile {
    const current = this.profiles.get(userId);
    if (current === undefined) throw new NotFoundError('No such user');
    const next = { ...current, ...patch };
    this.profiles.set(userId, next);
    return next;
  }

  async recordLogin(userId: string, at: string) {
    this.update(userId, { lastLoginAt: at });
  }

  async setMfaEnabled(userId: string, enabled: boolean, at: string) {
    this.update(userId, { mfaEnabled: enabled, updatedAt: at });
  }

  async setUsername(profile: UserProfile, username: string | null, at: string) {
    const next = username?.toLowerCase();
    const owner = next === undefined ? undefined : this.usernames.get(next);
    if (owner !== undefined && owner !== profile.userId) throw new ConflictError('taken');
    if (profile.username !== null) this.usernames.delete(profile.username.toLowerCase());
    if (next !== undefined) this.usernames.set(next, profile.userId);
    return this.update(profile.userId, { username, updatedAt: at });
  }

  async changeStatus(change: StatusChange, events: readonly UserEvent[]) {
    if (this.profiles.get(change.userId)?.status !== change.from) throw new ConflictError('moved');
    this.history.push(change);
    this.outbox.push(...events);
    return this.update(change.userId, { status: change.to, updatedAt: change.at });
  }

  async updateKyc(profile: UserProfile, patch: Partial<UserProfile>, at: string) {
    return this.update(profile.userId, { ...patch, updatedAt: at });
  }

  async setGroups(profile: UserProfile, groups: UserProfile['groups'], at: string) {
    return this.update(profile.userId, { groups, updatedAt: at });
  }

  async statusHistory(userId: string, limit: number) {
    return this.history
      .filter((c) => c.userId === userId)
      .reverse()
      .slice(0, limit);
  }

  async search(criteria: UserSearch, request: PageRequest) {
    const found = [...this.profiles.values()].filter(
      (p) =>
        (criteria.emailPrefix === undefined || p.email.startsWith(criteria.emailPrefix)) &&
        (criteria.status === undefined || p.status === criteria.status),
    );
    return page(found, request);
  }
}

/** Sessions, token links and refresh-token hashes, in maps. */
export class InMemorySessions implements SessionStore {
  readonly sessions = new Map<string, Session>();
  readonly tokens = new Map<string, { sessionId: string; expiresAt: string }>();
  readonly refreshHashes = new Map<string, { userId: string; sessionId: string }>();

  async create(session: Session, token: IssuedToken, hash: string) {
    this.sessions.set(`${session.userId}|${session.id}`, session);
    this.tokens.set(`${session.userId}|${token.tokenId}`, {
      sessionId: session.id,
      expiresAt: token.expiresAt,
    });
    this.refreshHashes.set(hash, { userId: session.userId, sessionId: session.id });
  }

  async get(userId: string, sessionId: string) {
    return this.sessions.get(`${userId}|${sessionId}`);
  }

  async findByRefreshTokenHash(hash: string) {
    return this.refreshHashes.get(hash);
  }

  async addToken(userId: string, sessionId: string, token: IssuedToken, seenAt: string) {
    this.tokens.set(`${userId}|${token.tokenId}`, { sessionId, expiresAt: token.expiresAt });
    const session = this.sessions.get(`${userId}|${sessionId}`);
    if (session) this.sessions.set(`${userId}|${sessionId}`, { ...session, lastSeenAt: seenAt });
  }

  async revoke(userId: string, sessionId: string, at: string) {
    const session = this.sessions.get(`${userId}|${sessionId}`);
    if (session === undefined || session.revokedAt !== null || session.expiresAt <= at) {
      return false;
    }
    this.sessions.set(`${userId}|${sessionId}`, { ...session, revokedAt: at });
    return true;
  }

  private live(userId: string, now: string): Session[] {
    return [...this.sessions.values()]
      .filter((s) => s.userId === userId && s.revokedAt === null && s.expiresAt > now)
      .sort((a, b) => b.id.localeCompare(a.id));
  }

  async listLive(userId: string, now: string, request: PageRequest) {
    return page(this.live(userId, now), request);
  }

  async liveIds(userId: string, now: string) {
    return this.live(userId, now).map((s) => s.id);
  }
}

export class InMemoryActivity implements ActivityLog {
  readonly entries: { userId: string; entry: ActivityEntry }[] = [];

  async record(userId: string, entry: ActivityEntry) {
    this.entries.push({ userId, entry });
  }

  async list(userId: string, request: PageRequest) {
    const mine = this.entries.filter((e) => e.userId === userId).map((e) => e.entry);
    return page(mine.reverse(), request);
  }

  typesOf(userId: string): string[] {
    return this.entries
      .filter((e) => e.userId === userId)
      .map((e) => `${e.entry.type}:${e.entry.result}`);
  }
}

export class InMemoryPreferences implements PreferencesStore {
  readonly stored = new Map<string, { preferences: Preferences; updatedAt: string }>();

  async get(userId: string) {
    return this.stored.get(userId);
  }

  async put(userId: string, preferences: Preferences, at: string) {
    this.stored.set(userId, { preferences, updatedAt: at });
  }
}
