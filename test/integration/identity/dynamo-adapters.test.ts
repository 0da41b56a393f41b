import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { dynamoSessionState } from '../../../functions/authorizer/dynamo-session-state';
import { encodeCursor } from '../../../shared/aws/page-cursor';
import { dynamoActivityLog } from '../../../functions/users/dynamo-activity-log';
import { dynamoPreferencesStore } from '../../../functions/users/dynamo-preferences-store';
import { dynamoSessionStore } from '../../../functions/users/dynamo-session-store';
import type { TableRef } from '../../../functions/users/dynamo-support';
import { dynamoUserDirectory } from '../../../functions/users/dynamo-user-directory';
import { dynamoUserRepository } from '../../../functions/users/dynamo-user-repository';
import type { Session, UserProfile } from '../../../functions/users/ports';
import { newProfile } from '../../../functions/users/profiles';
import { userPk } from '../../../functions/users/user-items';
import { uuidV7Generator } from '../../../functions/users/uuid-v7';
import { defaultPreferences } from '../../../shared/contracts/identity-preferences';
import { createAwsClients } from '../../../shared/aws/clients';
import type { UserEvent } from '../../../shared/contracts/identity-events';
import { ConflictError } from '../../../shared/domain/errors';
import { localEnv } from '../../support/local-stack';

let ref: TableRef;
const ids = uuidV7Generator;

beforeAll(() => {
  ref = { documents: createAwsClients().documents, table: localEnv()['USERS_TABLE']! };
});

const profileOf = (tag: string, at = new Date().toISOString()): UserProfile =>
  newProfile({
    userId: randomUUID(),
    email: `${tag}-${randomUUID()}@example.com`,
    username: null,
    groups: ['trader'],
    at,
  });

const confirmed = (p: UserProfile) => ({
  userId: p.userId,
  from: 'PENDING_VERIFICATION' as const,
  to: 'ACTIVE' as const,
  reason: 'email confirmed',
  actor: 'system',
  at: p.createdAt,
});

describe('dynamoUserRepository', () => {
  it('creates a profile once and finds it by id and by email', async () => {
    const users = dynamoUserRepository(ref, ids);
    const profile = profileOf('repo');

    const first = await users.create(profile, confirmed(profile));
    const second = await users.create(profile, confirmed(profile));

    expect([first, second]).toEqual([true, false]);
    expect(await users.get(profile.userId)).toEqual(profile);
    expect(await users.findByEmail(profile.email)).toEqual(profile);
    expect(await users.statusHistory(profile.userId, 5)).toEqual([confirmed(profile)]);
  });

  it('gives a username to one account only, whatever its case', async () => {
    const users = dynamoUserRepository(ref, ids);
    const alice = profileOf('alice');
    const bob = profileOf('bob');
    const name = `Name_${randomUUID().slice(0, 8)}`;
    await users.create(alice, confirmed(alice));
    await users.create(bob, confirmed(bob));

    const named = await users.setUsername(alice, name, new Date().toISOString());

    expect(named.username).toBe(name);
    await expect(
      users.setUsername(bob, name.toUpperCase(), new Date().toISOString()),
    ).rejects.toThrow(ConflictError);
    await users.setUsername(named, null, new Date().toISOString());
    await expect(users.setUsername(bob, name, new Date().toISOString())).resolves.toMatchObject({
      username: name,
    });
  });

  it('changes status only from the expected one, with history and an outbox event', async () => {
    const users = dynamoUserRepository(ref, ids);
    const profile = profileOf('status');
    await users.create(profile, confirmed(profile));
    const at = new Date().toISOString();
    const change = { ...confirmed(profile), from: 'ACTIVE' as const, to: 'SUSPENDED' as const, at };
    const event: UserEvent = {
      type: 'user.suspended',
      version: 1,
      event_id: randomUUID(),
      user_id: profile.userId,
      occurred_at: at,
      actor: 'officer',
      reason: 'test',
      from_status: 'ACTIVE',
    };

    const updated = await users.changeStatus(change, [event]);

    expect(updated.status).toBe('SUSPENDED');
    await expect(users.changeStatus(change, [])).rejects.toThrow(ConflictError);
    const history = await users.statusHistory(profile.userId, 5);
    expect(history[0]).toMatchObject({ from: 'ACTIVE', to: 'SUSPENDED' });
  });

  it('refuses a KYC or role change made from a read another officer has since changed', async () => {
    const users = dynamoUserRepository(ref, ids);
    const profile = profileOf('officers');
    await users.create(profile, confirmed(profile));
    const stale = (await users.get(profile.userId))!;
    const at = new Date().toISOString();

    await users.updateKyc(stale, { kycStatus: 'REJECTED', kycLevel: 0 }, at);
    await users.setGroups(stale, ['trader', 'auditor'], at);

    await expect(users.updateKyc(stale, { feeTier: 2 }, at)).rejects.toThrow(ConflictError);
    await expect(users.setGroups(stale, ['trader', 'admin'], at)).rejects.toThrow(ConflictError);
    expect(await users.get(profile.userId)).toMatchObject({
      kycStatus: 'REJECTED',
      kycLevel: 0,
      feeTier: profile.feeTier,
      groups: ['trader', 'auditor'],
    });
  });
});

describe('dynamoUserDirectory', () => {
  it('finds accounts by email prefix, status, KYC status, group and creation range', async () => {
    const users = dynamoUserRepository(ref, ids);
    const directory = dynamoUserDirectory(ref);
    const tag = `dir${randomUUID().slice(0, 8)}`;
    const created = [
      '2020-01-01T00:00:00.000Z',
      '2020-01-02T00:00:00.000Z',
      '2020-01-03T00:00:00.000Z',
    ];
    const profiles = created.map((at) => profileOf(tag, at));
    for (const p of profiles) await users.create(p, confirmed(p));
    const [a, b, c] = profiles as [UserProfile, UserProfile, UserProfile];
    await users.updateKyc(b, { kycStatus: 'APPROVED', kycLevel: 2 }, new Date().toISOString());
    await users.setGroups(c, ['trader', 'auditor'], new Date().toISOString());
    const mine = (page: { items: readonly UserProfile[] }) =>
      page.items.filter((p) => p.email.startsWith(tag)).map((p) => p.userId);

    const byPrefix = await directory.search({ emailPrefix: tag }, { limit: 10 });
    const byKyc = await directory.search(
      { kycStatus: 'APPROVED', emailPrefix: tag },
      { limit: 10 },
    );
    const byGroup = await directory.search({ group: 'auditor' }, { limit: 100 });
    const byRange = await directory.search(
      { status: 'ACTIVE', createdFrom: created[1], createdTo: created[2] },
      { limit: 100 },
    );

    expect(new Set(mine(byPrefix))).toEqual(new Set([a.userId, b.userId, c.userId]));
    expect(mine(byKyc)).toEqual([b.userId]);
    expect(mine(byGroup)).toEqual([c.userId]);
    expect(mine(byRange)).toEqual([c.userId, b.userId]);
  });

  it('pages with a cursor and refuses a cursor of another index', async () => {
    const users = dynamoUserRepository(ref, ids);
    const directory = dynamoUserDirectory(ref);
    const tag = `page${randomUUID().slice(0, 8)}`;
    for (let i = 0; i < 3; i += 1) {
      const p = profileOf(tag);
      await users.create(p, confirmed(p));
    }

    const first = await directory.search({ emailPrefix: tag }, { limit: 2 });
    const second = await directory.search(
      { emailPrefix: tag },
      { limit: 2, cursor: first.nextCursor ?? undefined },
    );

    expect(first.items).toHaveLength(2);
    expect(second.items).toHaveLength(1);
    await expect(
      directory.search({ status: 'CLOSED' }, { limit: 2, cursor: first.nextCursor ?? undefined }),
    ).rejects.toMatchObject({ code: 'VALIDATION_ERROR' });
    await expect(
      directory.search({}, { limit: 2, cursor: encodeCursor({ gsi2pk: 'USERS' })! }),
    ).rejects.toMatchObject({ code: 'VALIDATION_ERROR' });
  });
});

describe('dynamoSessionStore and the authorizer view of it', () => {
  const session = (userId: string, at: Date): Session => ({
    id: ids.uuid(),
    userId,
    ip: '203.0.113.7',
    userAgent: 'vitest',
    createdAt: at.toISOString(),
    lastSeenAt: at.toISOString(),
    expiresAt: new Date(at.getTime() + 86_400_000).toISOString(),
    revokedAt: null,
  });

  it('binds tokens and the refresh hash to a session until it is revoked', async () => {
    const sessions = dynamoSessionStore(ref);
    const reader = dynamoSessionState(ref.documents, ref.table);
    const userId = randomUUID();
    const now = new Date();
    const s = session(userId, now);
    const expiresAt = new Date(now.getTime() + 900_000).toISOString();
    await sessions.create(s, { tokenId: 'jti-a', expiresAt }, `hash-${s.id}`);
    await sessions.addToken(userId, s.id, { tokenId: 'jti-b', expiresAt }, now.toISOString());

    expect(await sessions.findByRefreshTokenHash(`hash-${s.id}`)).toEqual({
      userId,
      sessionId: s.id,
    });
    expect(await reader.tokenSession(userId, 'jti-b')).toMatchObject({ sessionId: s.id });
    expect(await reader.tokenSession(randomUUID(), 'jti-b')).toBeUndefined();
    expect((await reader.state(userId, s.id)).session).toEqual({
      revokedAt: null,
      expiresAt: s.expiresAt,
    });

    expect(await sessions.revoke(userId, s.id, now.toISOString(), 'test')).toBe(true);
    expect(await sessions.revoke(userId, s.id, now.toISOString(), 'test')).toBe(false);
    expect((await reader.state(userId, s.id)).session?.revokedAt).toBe(now.toISOString());
  });

  it('lists live sessions newest first, filling a page past revoked ones, never another user’s', async () => {
    const sessions = dynamoSessionStore(ref);
    const userId = randomUUID();
    const now = new Date();
    const token = { tokenId: randomUUID(), expiresAt: now.toISOString() };
    const older = session(userId, now);
    const newer = session(userId, now);
    const revoked = session(userId, now);
    for (const s of [older, newer, revoked]) await sessions.create(s, token, `h-${s.id}`);
    await sessions.create(session(randomUUID(), now), token, `h-${randomUUID()}`);
    await sessions.revoke(userId, revoked.id, now.toISOString(), 'test');

    const page = await sessions.listLive(userId, now.toISOString(), { limit: 10 });
    const first = await sessions.listLive(userId, now.toISOString(), { limit: 1 });

    expect(page.items.map((s) => s.id)).toEqual([newer.id, older.id]);
    // The newest session is the revoked one: the page reads past it instead of coming back empty.
    expect(first.items.map((s) => s.id)).toEqual([newer.id]);
    expect(await sessions.liveIds(userId, now.toISOString())).toEqual([newer.id, older.id]);
  });
});

describe('activity and preferences', () => {
  it('keeps activity newest first with a 90-day expiry', async () => {
    const activity = dynamoActivityLog(ref);
    const userId = randomUUID();
    const entry = (type: string, at: string) => ({
      id: ids.uuid(),
      type,
      result: 'success' as const,
      at,
      ip: '203.0.113.7',
      userAgent: 'vitest',
      details: { n: 1 },
    });
    await activity.record(userId, entry('login', '2026-01-01T00:00:00.000Z'));
    await activity.record(userId, entry('logout', '2026-01-02T00:00:00.000Z'));

    const page = await activity.list(userId, { limit: 1 });
    const next = await activity.list(userId, { limit: 1, cursor: page.nextCursor ?? undefined });

    expect(page.items.map((e) => e.type)).toEqual(['logout']);
    expect(next.items.map((e) => e.type)).toEqual(['login']);
    await expect(
      activity.list(userId, { limit: 1, cursor: encodeCursor({ pk: userPk(userId), sk: 'X' })! }),
    ).rejects.toThrow(expect.objectContaining({ code: 'VALIDATION_ERROR' }));
    const extraKey = encodeCursor({ pk: userPk(userId), sk: 'ACTIVITY#x', gsi1pk: 'X' })!;
    await expect(activity.list(userId, { limit: 1, cursor: extraKey })).rejects.toThrow(
      expect.objectContaining({ code: 'VALIDATION_ERROR' }),
    );
  });

  it('stores and reads back a preferences document', async () => {
    const store = dynamoPreferencesStore(ref);
    const userId = randomUUID();
    const preferences = { ...defaultPreferences, theme: 'dark' as const };

    await store.put(userId, preferences, '2026-01-01T00:00:00.000Z');

    expect(await store.get(userId)).toEqual({ preferences, updatedAt: '2026-01-01T00:00:00.000Z' });
    expect(await store.get(randomUUID())).toBeUndefined();
  });
});
