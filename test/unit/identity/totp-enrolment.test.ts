import { describe, expect, it } from 'vitest';
import { confirmTwoFactor, disableTwoFactor, enableTwoFactor } from '../../../functions/users/mfa';
import { ConflictError } from '../../../shared/domain/errors';
import { base32Decode } from '../../../shared/identity/totp';
import { openTotpSecret } from '../../../shared/identity/totp-envelope';
import { context, identityWorld, PASSWORD, signedIn } from './fakes/world';

describe('the sealed copy of the TOTP secret', () => {
  it('is stored pending when enrolment starts, sealed for its owner only', async () => {
    const world = identityWorld();
    const { identity, session, userId } = await signedIn(world);

    const enrolment = await enableTwoFactor(world, identity, session.accessToken, context);

    const stored = world.totpEnrolments.items.get(userId);
    expect(stored?.status).toBe('PENDING');
    const opened = await openTotpSecret(world.totpDataKeys, userId, stored!.sealed);
    expect(opened.equals(base32Decode(enrolment.secret))).toBe(true);
    expect(Buffer.from(stored!.sealed.ciphertext).includes(opened)).toBe(false);
    await expect(
      openTotpSecret(world.totpDataKeys, 'someone-else', stored!.sealed),
    ).rejects.toThrow(/kms_rejected_data_key/);
  });

  it('becomes active when enrolment is confirmed', async () => {
    const world = identityWorld();
    const { identity, session, userId } = await signedIn(world);
    await enableTwoFactor(world, identity, session.accessToken, context);

    await confirmTwoFactor(
      world,
      identity,
      { accessToken: session.accessToken, code: world.cognito.validTotp },
      context,
    );

    expect(world.totpEnrolments.items.get(userId)?.status).toBe('ACTIVE');
  });

  it('stays pending when the confirmation code is wrong', async () => {
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
    ).rejects.toThrow(/invalid/);

    expect(world.totpEnrolments.items.get(userId)?.status).toBe('PENDING');
  });

  it('is replaced by a new secret when enrolment starts again', async () => {
    const world = identityWorld();
    const { identity, session, userId } = await signedIn(world);
    await enableTwoFactor(world, identity, session.accessToken, context);
    const first = world.totpEnrolments.items.get(userId)?.sealed;

    await enableTwoFactor(world, identity, session.accessToken, context);

    expect(world.totpEnrolments.items.get(userId)?.sealed).not.toBe(first);
    expect(world.totpDataKeys.generated).toBe(2);
  });

  it('is required to confirm: an enrolment started without one must start again', async () => {
    const world = identityWorld();
    const { identity, session, userId } = await signedIn(world);
    await enableTwoFactor(world, identity, session.accessToken, context);
    world.totpEnrolments.items.delete(userId);

    await expect(
      confirmTwoFactor(
        world,
        identity,
        { accessToken: session.accessToken, code: world.cognito.validTotp },
        context,
      ),
    ).rejects.toThrow(ConflictError);

    expect(world.users.profiles.get(userId)?.mfaEnabled).toBe(false);
    expect(world.cognito.accounts.get('u@example.com')?.mfaOn).toBe(false);
  });

  it('is deleted when two-factor authentication is turned off', async () => {
    const world = identityWorld();
    const { identity, session, userId } = await signedIn(world);
    await enableTwoFactor(world, identity, session.accessToken, context);
    const totp = { accessToken: session.accessToken, code: world.cognito.validTotp };
    await confirmTwoFactor(world, identity, totp, context);

    await disableTwoFactor(world, identity, { ...totp, password: PASSWORD }, context);

    expect(world.totpEnrolments.items.has(userId)).toBe(false);
  });

  it('never reaches the audit trail or the activity log, sealed or not', async () => {
    const world = identityWorld();
    const { identity, session, userId } = await signedIn(world);

    const enrolment = await enableTwoFactor(world, identity, session.accessToken, context);

    const sealed = world.totpEnrolments.items.get(userId)!.sealed;
    const recorded = JSON.stringify([world.audit.entries, world.activity.entries]);
    expect(recorded).not.toContain(enrolment.secret);
    expect(recorded).not.toContain(Buffer.from(sealed.ciphertext).toString('base64'));
    expect(recorded).not.toContain(Buffer.from(sealed.encryptedDataKey).toString('base64'));
  });
});
