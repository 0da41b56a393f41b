import type { UserEvent } from '../../shared/contracts/identity-events';
import type { Preferences } from '../../shared/contracts/identity-preferences';
import type { KycStatus, UserGroup } from '../../shared/domain/identity';
import type { StatusChange, UserStatus } from '../../shared/domain/user-status';
import type { Page, PageRequest } from '../../shared/domain/paging';

export type { Page, PageRequest };

/** A stored account profile (the Users table's `PROFILE` item). */
export interface UserProfile {
  readonly userId: string;
  readonly email: string;
  readonly username: string | null;
  readonly status: UserStatus;
  readonly kycStatus: KycStatus;
  readonly kycLevel: number;
  readonly feeTier: number;
  readonly mfaEnabled: boolean;
  readonly groups: readonly UserGroup[];
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly lastLoginAt: string | null;
}

/** The KYC and fee fields an officer may change; absent fields keep their values. */
export interface KycPatch {
  readonly kycStatus?: KycStatus;
  readonly kycLevel?: number;
  readonly feeTier?: number;
}

/** Profiles, their history and indexes, and the identity outbox, in the Users table. */
export interface UserRepository {
  get(userId: string): Promise<UserProfile | undefined>;
  findByEmail(email: string): Promise<UserProfile | undefined>;
  /**
   * Creates the profile with its first status change; false when it already exists. A username
   * already taken by someone else is dropped (the profile is created without one).
   */
  create(profile: UserProfile, change: StatusChange): Promise<boolean>;
  recordLogin(userId: string, at: string): Promise<void>;
  setMfaEnabled(userId: string, enabled: boolean, at: string): Promise<void>;
  /** Claims `username` (case-insensitive) and releases the old one; ConflictError when taken. */
  setUsername(profile: UserProfile, username: string | null, at: string): Promise<UserProfile>;
  /**
   * Applies a status change, its history item and the events announcing it atomically, provided
   * the status is still `change.from`; ConflictError otherwise.
   */
  changeStatus(change: StatusChange, events: readonly UserEvent[]): Promise<UserProfile>;
  /** Applies the patch provided KYC status, level and fee tier are as read; ConflictError otherwise. */
  updateKyc(profile: UserProfile, patch: KycPatch, at: string): Promise<UserProfile>;
  /** Sets the roles provided they are still as read; ConflictError otherwise. */
  setGroups(profile: UserProfile, groups: readonly UserGroup[], at: string): Promise<UserProfile>;
  /** Newest first. */
  statusHistory(userId: string, limit: number): Promise<StatusChange[]>;
}

/** Admin search criteria (see `searchUsersQuerySchema`). */
export interface UserSearch {
  readonly emailPrefix?: string | undefined;
  readonly status?: UserStatus | undefined;
  readonly kycStatus?: KycStatus | undefined;
  readonly group?: UserGroup | undefined;
  readonly createdFrom?: string | undefined;
  readonly createdTo?: string | undefined;
}

export interface UserDirectory {
  search(criteria: UserSearch, page: PageRequest): Promise<Page<UserProfile>>;
}

/** A signed-in device: created by a login, extended by refreshes, ended by a revocation. */
export interface Session {
  readonly id: string;
  readonly userId: string;
  readonly ip: string;
  readonly userAgent: string;
  readonly createdAt: string;
  readonly lastSeenAt: string;
  readonly expiresAt: string;
  readonly revokedAt: string | null;
}

/** An access token of a session: its `jti` and expiry (ISO). */
export interface IssuedToken {
  readonly tokenId: string;
  readonly expiresAt: string;
}

export interface SessionStore {
  /** Stores the session, its first access token and the hash of its refresh token. */
  create(session: Session, token: IssuedToken, refreshTokenHash: string): Promise<void>;
  get(userId: string, sessionId: string): Promise<Session | undefined>;
  findByRefreshTokenHash(hash: string): Promise<{ userId: string; sessionId: string } | undefined>;
  /** Binds a refreshed access token to its session and marks the session seen. */
  addToken(userId: string, sessionId: string, token: IssuedToken, seenAt: string): Promise<void>;
  /** False when there is no such live session of this user. */
  revoke(userId: string, sessionId: string, at: string, reason: string): Promise<boolean>;
  /** Live sessions (not revoked, not expired), newest first. */
  listLive(userId: string, now: string, page: PageRequest): Promise<Page<Session>>;
  /** Ids of every live session, for revoking them all. */
  liveIds(userId: string, now: string): Promise<string[]>;
}

/** One entry of a user's security activity. */
export interface ActivityEntry {
  readonly id: string;
  readonly type: string;
  readonly result: 'success' | 'failure' | 'denied';
  readonly at: string;
  readonly ip: string | null;
  readonly userAgent: string | null;
  readonly details: Readonly<Record<string, unknown>>;
}

export interface ActivityLog {
  record(userId: string, entry: ActivityEntry): Promise<void>;
  /** Newest first. */
  list(userId: string, page: PageRequest): Promise<Page<ActivityEntry>>;
}

export interface PreferencesStore {
  get(userId: string): Promise<{ preferences: Preferences; updatedAt: string } | undefined>;
  put(userId: string, preferences: Preferences, at: string): Promise<void>;
}

/** Why a throttle bucket exists: password sign-ins (and TOTP answers), or mailed codes. */
export type ThrottleAction = 'login' | 'code';

/** Failures counted in one bucket since its last quiet period. */
export interface ThrottleCounter {
  readonly failures: number;
  /** Epoch milliseconds of the latest failure. */
  readonly lastFailureMs: number;
}

/** Failure counters with a time-to-live (the RateLimits table). */
export interface ThrottleStore {
  read(keys: readonly string[], nowMs: number): Promise<Map<string, ThrottleCounter>>;
  /**
   * Adds a failure stamped `nowMs`, as one conditional write, only while the counter is below
   * `free` or still exactly `seen` (undefined: absent or idle): false when another attempt
   * counted first past the free ones, so the caller reads again.
   */
  reserve(
    key: string,
    nowMs: number,
    resetAfterSeconds: number,
    seen: ThrottleCounter | undefined,
    free: number,
  ): Promise<boolean>;
  /**
   * Takes one failure back (never below zero): the counted attempt did not fail. While the
   * latest stamp is still the attempt's own (`stampedAt`), it goes back to `previousAt`, and
   * the expiry to `resetAfterSeconds` after it, so a success neither restarts the bucket's
   * wait nor keeps it alive.
   */
  giveBack(
    key: string,
    nowMs: number,
    stampedAt: number,
    previousAt: number | undefined,
    resetAfterSeconds: number,
  ): Promise<void>;
  clear(key: string): Promise<void>;
  /** True once per `windowSeconds` per key: for notices that must not become a mail bomb. */
  claimOnce(key: string, nowMs: number, windowSeconds: number): Promise<boolean>;
}

export interface Clock {
  now(): Date;
}

export interface IdGenerator {
  uuid(): string;
}
