import { describe, expect, it } from 'vitest';
import {
  confirmTwoFactor,
  disableTwoFactor,
  enableTwoFactor,
  otpauthUri,
} from '../../../functions/users/mfa';
import { login } from '../../../functions/users/login';
import { changePassword, forgotPassword, resetPassword } from '../../../functions/users/passwords';
import { ConflictError, ValidationError } from '../../../shared/domain/errors';
import { base32Decode, hotp, timeStepAt } from '../../../shared/identity/totp';
import { context, identityWorld, PASSWORD, signedIn } from './fakes/world';

const NEW_PASSWORD = 'Fresh-Password-2027';

describe('changePassword', () => {
  it('changes the password and revokes every other session', async () => {
    const world = identityWorld();
    const { identity, session, userId } = await signedIn(world);
    await login(world, { email: 'u@example.com', password: PASSWORD }, context);

    const revoked = await changePassword(
      world,
      identity,
      { accessToken: session.accessToken, previous: PASSWORD, proposed: NEW_PASSWORD },
      context,
    );

    expect(revoked).toBe(1);
    expect(world.cognito.accounts.get('u@example.com')?.password).toBe(NEW_PASSWORD);
    expect(await world.sessions.liveIds(userId, world.clock.now().toISOString())).toEqual([
      session.sessionId,
    ]);
  });

  it('answers a wrong current password as a field error and counts it', async () => {
    const world = identityWorld();
    const { identity, session } = await signedIn(world);

    await expect(
      changePassword(
        world,
        identity,
        { accessToken: session.accessToken, previous: 'Wrong-Password-1', proposed: NEW_PASSWORD },
        context,
      ),
    ).rejects.toMatchObject({ code: 'VALIDATION_ERROR', fields: [{ field: 'previous_password' }] });
    expect(world.throttles.counters.size).toBe(2);
  });
});

describe('forgot and reset password', () => {
  it('answers an unknown address like a known one', async () => {
    const world = identityWorld();
    await signedIn(world);

    await expect(forgotPassword(world, 'u@example.com', context)).resolves.toBeUndefined();
    await expect(forgotPassword(world, 'ghost@example.com', context)).resolves.toBeUndefined();
  });

  it('sets the new password with the mailed code and revokes every session', async () => {
    const world = identityWorld();
    const { userId } = await signedIn(world);
    await forgotPassword(world, 'u@example.com', context);

    await resetPassword(
      world,
      { email: 'u@example.com', code: world.cognito.mailedCode, password: NEW_PASSWORD },
      context,
    );

    expect(world.cognito.accounts.get('u@example.com')?.password).toBe(NEW_PASSWORD);
    expect(await world.sessions.liveIds(userId, world.clock.now().toISOString())).toEqual([]);
    expect(world.activity.typesOf(userId)).toContain('password.reset:success');
  });

  it('refuses a wrong reset code on the code field', async () => {
    const world = identityWorld();
    await signedIn(world);
    await forgotPassword(world, 'u@example.com', context);

    await expect(
      resetPassword(
        world,
        { email: 'u@example.com', code: '999999', password: NEW_PASSWORD },
        context,
      ),
    ).rejects.toMatchObject({ fields: [{ field: 'code' }] });
  });
});

describe('two-factor authentication', () => {
  it('enrols with a secret and an otpauth URI, then turns on with a code', async () => {
    const world = identityWorld();
    const { identity, session, userId } = await signedIn(world);

    const enrolment = await enableTwoFactor(world, identity, session.accessToken, context);
    await confirmTwoFactor(
      world,
      identity,
      { accessToken: session.accessToken, code: world.cognito.validTotp },
      context,
    );

    expect(enrolment.otpauthUri).toBe(otpauthUri('Exchange', 'u@example.com', enrolment.secret));
    expect(world.users.profiles.get(userId)?.mfaEnabled).toBe(true);
    expect(world.cognito.accounts.get('u@example.com')?.mfaOn).toBe(true);
    expect(JSON.stringify(world.audit.entries)).not.toContain(enrolment.secret);
  });

  it('spends the enrolment code: a step-up needs a code from a later step', async () => {
    const world = identityWorld();
    const { identity, session, userId } = await signedIn(world);
    const enrolment = await enableTwoFactor(world, identity, session.accessToken, context);
    const secret = base32Decode(enrolment.secret);
    const codeNow = () => hotp(secret, timeStepAt(world.clock.now().getTime()));
    const stepUp = world.stepUp;

    await confirmTwoFactor(
      world,
      identity,
      { accessToken: session.accessToken, code: world.cognito.validTotp },
      context,
    );
    const sameStep = await stepUp.verify(userId, codeNow());
    world.clock.advance(60_000);
    const later = await stepUp.verify(userId, codeNow());

    expect([sameStep, later]).toEqual([false, true]);
  });

  it('refuses a wrong enrolment code and keeps MFA off', async () => {
    const world = identityWorld();
    const { identity, session, userId } = await signedIn(world);
    await enableTwoFactor(world, identity, session.accessToken, context);

    await expect(
      confirmTwoFactor(
        world,
        identity,
        { accessToken: session.accessToken, code: '000000' },
        context,
      ),
    ).rejects.toThrow(ValidationError);
    expect(world.users.profiles.get(userId)?.mfaEnabled).toBe(false);
  });

  it('turns MFA off only with the password and a current code', async () => {
    const world = identityWorld();
    const { identity, session, userId } = await signedIn(world);
    await enableTwoFactor(world, identity, session.accessToken, context);
    const totp = { accessToken: session.accessToken, code: world.cognito.validTotp };
    await confirmTwoFactor(world, identity, totp, context);

    await expect(
      disableTwoFactor(world, identity, { ...totp, password: PASSWORD, code: '000000' }, context),
    ).rejects.toThrow(ValidationError);
    await disableTwoFactor(world, identity, { ...totp, password: PASSWORD }, context);

    expect(world.users.profiles.get(userId)?.mfaEnabled).toBe(false);
    expect(world.cognito.accounts.get('u@example.com')?.mfaOn).toBe(false);
  });

  it('checks the code against the sealed secret when Cognito no longer asks for one', async () => {
    const world = identityWorld();
    const { identity, session, userId } = await signedIn(world);
    const enrolment = await enableTwoFactor(world, identity, session.accessToken, context);
    const totp = { accessToken: session.accessToken, code: world.cognito.validTotp };
    await confirmTwoFactor(world, identity, totp, context);
    world.cognito.accounts.get('u@example.com')!.mfaOn = false;
    world.clock.advance(60_000);
    const secret = base32Decode(enrolment.secret);
    const code = hotp(secret, timeStepAt(world.clock.now().getTime()));
    const wrong = code === '000000' ? '111111' : '000000';

    await expect(
      disableTwoFactor(world, identity, { ...totp, password: PASSWORD, code: wrong }, context),
    ).rejects.toThrow(ValidationError);
    const stillOn = world.users.profiles.get(userId)?.mfaEnabled;
    await disableTwoFactor(world, identity, { ...totp, password: PASSWORD, code }, context);

    expect(stillOn).toBe(true);
    expect(world.users.profiles.get(userId)?.mfaEnabled).toBe(false);
  });

  it('turns MFA off with the password when neither Cognito nor a sealed secret holds a factor', async () => {
    const world = identityWorld();
    const { identity, session, userId } = await signedIn(world);
    world.users.profiles.set(userId, { ...world.users.profiles.get(userId)!, mfaEnabled: true });
    const input = { accessToken: session.accessToken, password: PASSWORD, code: '000000' };

    await disableTwoFactor(world, identity, input, context);

    expect(world.users.profiles.get(userId)?.mfaEnabled).toBe(false);
  });

  it('refuses to enrol twice', async () => {
    const world = identityWorld();
    const { identity, session, userId } = await signedIn(world);
    world.users.profiles.set(userId, { ...world.users.profiles.get(userId)!, mfaEnabled: true });

    await expect(enableTwoFactor(world, identity, session.accessToken, context)).rejects.toThrow(
      ConflictError,
    );
  });

  it('writes an otpauth URI authenticator apps understand', () => {
    expect(otpauthUri('Exchange', 'a@b.co', 'ABC')).toBe(
      'otpauth://totp/Exchange:a%40b.co?secret=ABC&issuer=Exchange&algorithm=SHA1&digits=6&period=30',
    );
  });
});
