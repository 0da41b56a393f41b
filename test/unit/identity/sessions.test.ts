import { describe, expect, it } from 'vitest';
import { login } from '../../../functions/users/login';
import { refresh } from '../../../functions/users/refresh';
import {
  listSessions,
  logout,
  revokeSession,
  revokeSessions,
} from '../../../functions/users/sessions';
import { AuthenticationError, NotFoundError } from '../../../shared/domain/errors';
import { context, identityWorld, PASSWORD, signedIn } from './fakes/world';

describe('refresh', () => {
  it("issues a new access token bound to the refresh token's session", async () => {
    const world = identityWorld();
    const { userId, session } = await signedIn(world);
    world.clock.advance(60_000);

    const refreshed = await refresh(world, session.refreshToken);

    expect(refreshed.sessionId).toBe(session.sessionId);
    expect(refreshed.accessToken).not.toBe(session.accessToken);
    expect(world.sessions.tokens.size).toBe(2);
    expect((await world.sessions.get(userId, session.sessionId))?.lastSeenAt).toBe(
      world.clock.now().toISOString(),
    );
  });

  it('refuses the refresh token of a revoked session without asking Cognito', async () => {
    const world = identityWorld();
    const { identity, session } = await signedIn(world);
    await logout(world, identity, undefined, context);

    await expect(refresh(world, session.refreshToken)).rejects.toThrow(AuthenticationError);
  });

  it('refuses the refresh token of a suspended account', async () => {
    const world = identityWorld();
    const { userId, session } = await signedIn(world);
    world.users.profiles.set(userId, { ...world.users.profiles.get(userId)!, status: 'SUSPENDED' });

    await expect(refresh(world, session.refreshToken)).rejects.toThrow(AuthenticationError);
  });

  it('refuses a refresh token it never issued', async () => {
    const world = identityWorld();

    await expect(refresh(world, 'refresh-from-elsewhere')).rejects.toThrow(
      'The refresh token is invalid, expired or revoked',
    );
  });
});

describe('sessions', () => {
  it('lists live sessions newest first and marks the current one', async () => {
    const world = identityWorld();
    const first = await signedIn(world);
    const second = await login(world, { email: 'u@example.com', password: PASSWORD }, context);
    if (second.kind !== 'signed_in') throw new Error('expected tokens');

    const page = await listSessions(world, first.identity, { limit: 10 });

    expect(page.items.map((s) => s.id)).toEqual([
      second.session.sessionId,
      first.session.sessionId,
    ]);
  });

  it("answers 404 for another user's session and leaves it alive", async () => {
    const world = identityWorld();
    const alice = await signedIn(world, 'alice@example.com');
    const bob = await signedIn(world, 'bob@example.com');

    await expect(
      revokeSession(world, alice.identity, bob.session.sessionId, context),
    ).rejects.toThrow(NotFoundError);
    expect((await world.sessions.get(bob.userId, bob.session.sessionId))?.revokedAt).toBeNull();
  });

  it('revokes every other session and keeps the current one', async () => {
    const world = identityWorld();
    const current = await signedIn(world);
    await login(world, { email: 'u@example.com', password: PASSWORD }, context);
    await login(world, { email: 'u@example.com', password: PASSWORD }, context);

    const revoked = await revokeSessions(world, current.identity, 'others', context);

    expect(revoked).toBe(2);
    const live = await world.sessions.liveIds(current.userId, world.clock.now().toISOString());
    expect(live).toEqual([current.session.sessionId]);
  });

  it('logs out the current session and revokes its refresh token at Cognito', async () => {
    const world = identityWorld();
    const { identity, session, userId } = await signedIn(world);

    await logout(world, identity, session.refreshToken, context);

    expect((await world.sessions.get(userId, session.sessionId))?.revokedAt).not.toBeNull();
    expect(world.cognito.revokedRefreshTokens).toEqual([session.refreshToken]);
    expect(world.activity.typesOf(userId)).toContain('logout:success');
  });

  it("never revokes another session's refresh token on logout", async () => {
    const world = identityWorld();
    const alice = await signedIn(world, 'alice@example.com');
    const bob = await signedIn(world, 'bob@example.com');

    await logout(world, alice.identity, bob.session.refreshToken, context);

    expect(world.cognito.revokedRefreshTokens).toEqual([]);
  });
});
