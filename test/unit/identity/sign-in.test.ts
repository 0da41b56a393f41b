import { describe, expect, it } from 'vitest';
import { login, verifyTwoFactor } from '../../../functions/users/login';
import { refreshTokenHash } from '../../../functions/users/open-session';
import { AuthenticationError, RateLimitExceededError } from '../../../shared/domain/errors';
import { base32Decode, hotp, timeStepAt } from '../../../shared/identity/totp';
import { sealTotpSecret } from '../../../shared/identity/totp-envelope';
import { activeUser, context, identityWorld, PASSWORD, type IdentityWorld } from './fakes/world';

const password = PASSWORD;

const active = async (world: IdentityWorld, email = 'u@example.com') => activeUser(world, email);

describe('login', () => {
  it('opens a session bound to the access token and the refresh token hash', async () => {
    const world = identityWorld();
    const userId = await active(world);

    const outcome = await login(world, { email: 'u@example.com', password }, context);

    if (outcome.kind !== 'signed_in') throw new Error('expected tokens');
    const { session } = outcome;
    expect(session.expiresIn).toBe(900);
    const stored = await world.sessions.get(userId, session.sessionId);
    expect(stored).toMatchObject({ ip: context.ip, userAgent: 'vitest', revokedAt: null });
    expect(world.sessions.refreshHashes.get(refreshTokenHash(session.refreshToken))).toEqual({
      userId,
      sessionId: session.sessionId,
    });
    expect([...world.sessions.tokens.values()]).toEqual([
      expect.objectContaining({ sessionId: session.sessionId }),
    ]);
  });

  it('creates the profile of a provisioned account on its first sign-in', async () => {
    const world = identityWorld();
    const admin = world.cognito.seed('admin@example.com', password, ['admin', 'trader']);

    await login(world, { email: 'admin@example.com', password }, context);

    expect(world.users.profiles.get(admin.userId)).toMatchObject({
      status: 'ACTIVE',
      groups: ['trader', 'admin'],
      lastLoginAt: world.clock.now().toISOString(),
    });
  });

  it('answers an unknown email and a wrong password identically', async () => {
    const world = identityWorld();
    await active(world);

    const unknown = await login(world, { email: 'who@example.com', password }, context).catch(
      (e: unknown) => e,
    );
    const wrong = await login(world, { email: 'u@example.com', password: 'nope' }, context).catch(
      (e: unknown) => e,
    );

    expect(unknown).toBeInstanceOf(AuthenticationError);
    expect(wrong).toBeInstanceOf(AuthenticationError);
    expect((unknown as Error).message).toBe((wrong as Error).message);
  });

  it("records a failure in the account's activity and the audit trail", async () => {
    const world = identityWorld();
    const userId = await active(world);

    await login(world, { email: 'u@example.com', password: 'nope' }, context).catch(
      () => undefined,
    );

    expect(world.activity.typesOf(userId)).toEqual(['login:failure']);
    expect(world.audit.entries.at(-1)).toMatchObject({ action: 'user.login', result: 'failure' });
    expect(JSON.stringify(world.audit.entries)).not.toContain('nope');
  });

  it('slows down repeated failures from one address', async () => {
    const world = identityWorld();
    await active(world);
    for (let i = 0; i < 4; i += 1) {
      await login(world, { email: 'u@example.com', password: 'nope' }, context).catch(
        () => undefined,
      );
    }

    await expect(login(world, { email: 'u@example.com', password }, context)).rejects.toThrow(
      RateLimitExceededError,
    );
  });

  it('refuses a suspended account with the same answer and revokes its new refresh token', async () => {
    const world = identityWorld();
    const userId = await active(world);
    await login(world, { email: 'u@example.com', password }, context);
    const profile = world.users.profiles.get(userId)!;
    world.users.profiles.set(userId, { ...profile, status: 'SUSPENDED' });

    await expect(login(world, { email: 'u@example.com', password }, context)).rejects.toThrow(
      'Invalid email or password',
    );
    expect(world.cognito.revokedRefreshTokens).toHaveLength(1);
    expect(world.activity.typesOf(userId)).toContain('login:denied');
  });

  it('asks for the TOTP code when MFA is on, and verify-2fa completes the sign-in', async () => {
    const world = identityWorld();
    await active(world);
    world.cognito.accounts.get('u@example.com')!.mfaOn = true;

    const first = await login(world, { email: 'u@example.com', password }, context);
    if (first.kind !== 'mfa_required') throw new Error('expected a challenge');
    const signedIn = await verifyTwoFactor(
      world,
      { email: 'u@example.com', session: first.challengeSession, code: world.cognito.validTotp },
      context,
    );

    expect(signedIn.sessionId).toMatch(/^0190/);
    expect(world.audit.entries.at(-1)).toMatchObject({
      action: 'user.login',
      details: { method: 'totp', session_id: signedIn.sessionId },
    });
  });

  it('spends the sign-in code: a step-up needs a code from a later step', async () => {
    const world = identityWorld();
    const userId = await active(world);
    world.cognito.accounts.get('u@example.com')!.mfaOn = true;
    const secret = base32Decode('JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP');
    await world.totpEnrolments.savePending(
      userId,
      await sealTotpSecret(world.totpDataKeys, userId, secret),
    );
    await world.totpEnrolments.activate(userId);
    const stepUp = world.stepUp;
    const codeNow = (offset = 0) => hotp(secret, timeStepAt(world.clock.now().getTime()) + offset);
    const first = await login(world, { email: 'u@example.com', password }, context);
    if (first.kind !== 'mfa_required') throw new Error('expected a challenge');

    await verifyTwoFactor(
      world,
      { email: 'u@example.com', session: first.challengeSession, code: world.cognito.validTotp },
      context,
    );
    const sameWindow = [
      await stepUp.verify(userId, codeNow()),
      await stepUp.verify(userId, codeNow(1)),
    ];
    world.clock.advance(60_000);
    const later = await stepUp.verify(userId, codeNow());

    expect(sameWindow).toEqual([false, false]);
    expect(later).toBe(true);
  });

  it('refuses a wrong TOTP code and counts it as a failure', async () => {
    const world = identityWorld();
    const userId = await active(world);
    world.cognito.accounts.get('u@example.com')!.mfaOn = true;
    const first = await login(world, { email: 'u@example.com', password }, context);
    if (first.kind !== 'mfa_required') throw new Error('expected a challenge');

    await expect(
      verifyTwoFactor(
        world,
        { email: 'u@example.com', session: first.challengeSession, code: '000000' },
        context,
      ),
    ).rejects.toThrow(AuthenticationError);
    expect(world.activity.typesOf(userId)).toEqual(['login:failure']);
  });
});
