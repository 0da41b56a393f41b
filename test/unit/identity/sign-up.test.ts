import { describe, expect, it } from 'vitest';
import { confirmRegistration } from '../../../functions/users/confirm-registration';
import { register } from '../../../functions/users/register';
import { uuidV7Generator } from '../../../functions/users/uuid-v7';
import { ValidationError } from '../../../shared/domain/errors';
import { context, identityWorld } from './fakes/world';

const password = 'Sturdy-Pass-2026';
/** What Cognito's `sub` of a new sign-up looks like: a random, version 4 UUID. */
const RANDOM_UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('register', () => {
  it('creates an unconfirmed account and answers PENDING_VERIFICATION', async () => {
    const world = identityWorld();

    const answer = await register(
      world,
      { email: 'new@example.com', password, username: 'newbie' },
      context,
    );

    expect(answer).toMatchObject({ email: 'new@example.com', status: 'PENDING_VERIFICATION' });
    expect(world.cognito.accounts.get('new@example.com')?.confirmed).toBe(false);
    expect(answer.userId).toBe(world.cognito.accounts.get('new@example.com')?.userId);
  });

  it('answers an existing address exactly like a new one and tells only its owner', async () => {
    const world = { ...identityWorld(), ids: uuidV7Generator };
    const owner = world.cognito.seed('taken@example.com', 'Owner-Pass-20261');

    const answer = await register(
      world,
      { email: 'taken@example.com', password, username: undefined },
      context,
    );

    expect(Object.keys(answer).sort()).toEqual(['email', 'status', 'userId']);
    expect(answer.status).toBe('PENDING_VERIFICATION');
    expect(answer.userId).not.toBe(owner.userId);
    expect(answer.userId).toMatch(RANDOM_UUID);
    expect(world.mail).toEqual([
      expect.objectContaining({ to: 'taken@example.com', type: 'ACCOUNT_EXISTS' }),
    ]);
    expect(world.cognito.accounts.get('taken@example.com')?.password).toBe('Owner-Pass-20261');
  });

  it('sends the owner at most one notice per quarter hour', async () => {
    const world = identityWorld();
    world.cognito.seed('taken@example.com', 'Owner-Pass-20261');
    const input = { email: 'taken@example.com', password, username: undefined };

    await register(world, input, context);
    await register(world, input, context);
    world.clock.advance(16 * 60_000);
    await register(world, input, context);

    expect(world.mail).toHaveLength(2);
  });

  it('replaces a sign-up that was never confirmed', async () => {
    const world = identityWorld();
    await register(world, { email: 'again@example.com', password, username: undefined }, context);

    const second = await register(
      world,
      { email: 'again@example.com', password: 'Another-Pass-2026', username: undefined },
      context,
    );

    expect(world.cognito.calls).toContain('deleteAccount again@example.com');
    expect(second.userId).toBe(world.cognito.accounts.get('again@example.com')?.userId);
    expect(world.cognito.accounts.get('again@example.com')?.password).toBe('Another-Pass-2026');
  });

  it('refuses a password built on the email name, naming the field only', async () => {
    const world = identityWorld();

    const attempt = register(
      world,
      { email: 'margaret@example.com', password: 'Margaret-2026x', username: undefined },
      context,
    );

    await expect(attempt).rejects.toThrow(ValidationError);
    await expect(attempt).rejects.toMatchObject({
      fields: [{ field: 'password', in: 'body', message: 'Must not contain your email name' }],
    });
  });
});

describe('confirmRegistration', () => {
  it('makes the account ACTIVE, a trader, with its first status change recorded', async () => {
    const world = identityWorld();
    const { userId } = await register(
      world,
      { email: 'c@example.com', password, username: 'Carol' },
      context,
    );

    const answer = await confirmRegistration(
      world,
      { email: 'c@example.com', code: world.cognito.mailedCode },
      context,
    );

    expect(answer).toEqual({ status: 'ACTIVE' });
    expect(world.users.profiles.get(userId)).toMatchObject({
      status: 'ACTIVE',
      username: 'Carol',
      groups: ['trader'],
      kycStatus: 'NONE',
      feeTier: 1,
    });
    expect(world.users.history).toEqual([
      expect.objectContaining({ from: 'PENDING_VERIFICATION', to: 'ACTIVE', actor: 'system' }),
    ]);
    expect(world.cognito.accounts.get('c@example.com')?.groups.has('trader')).toBe(true);
  });

  it('answers a wrong code and an unknown address alike', async () => {
    const world = identityWorld();
    await register(world, { email: 'c@example.com', password, username: undefined }, context);

    const wrong = confirmRegistration(world, { email: 'c@example.com', code: '000000' }, context);
    const unknown = confirmRegistration(
      world,
      { email: 'nobody@example.com', code: '000000' },
      context,
    );

    await expect(wrong).rejects.toMatchObject({
      code: 'VALIDATION_ERROR',
      fields: [{ field: 'code' }],
    });
    await expect(unknown).rejects.toMatchObject({
      code: 'VALIDATION_ERROR',
      fields: [{ field: 'code', message: 'The code is invalid or has expired' }],
    });
  });

  it('throttles code guessing', async () => {
    const world = identityWorld();
    await register(world, { email: 'c@example.com', password, username: undefined }, context);
    for (let i = 0; i < 4; i += 1) {
      await confirmRegistration(world, { email: 'c@example.com', code: '000000' }, context).catch(
        () => undefined,
      );
    }

    await expect(
      confirmRegistration(world, { email: 'c@example.com', code: '123456' }, context),
    ).rejects.toMatchObject({ code: 'RATE_LIMIT_EXCEEDED' });
  });
});
