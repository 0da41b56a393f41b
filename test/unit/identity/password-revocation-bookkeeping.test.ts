import { describe, expect, it } from 'vitest';
import { login } from '../../../functions/users/login';
import { changePassword, forgotPassword, resetPassword } from '../../../functions/users/passwords';
import { context, identityWorld, PASSWORD, signedIn, type IdentityWorld } from './fakes/world';

const NEW_PASSWORD = 'Fresh-Password-2027';

/** The RateLimits table throttles the next give-back (DynamoDB ThrottlingException). */
const throttleNextGiveBack = (world: IdentityWorld) => {
  const giveBack = world.throttles.giveBack.bind(world.throttles);
  let failed = false;
  world.throttles.giveBack = async (...args) => {
    if (!failed) {
      failed = true;
      throw Object.assign(new Error('Rate of requests exceeds the allowed throughput'), {
        name: 'ThrottlingException',
      });
    }
    return giveBack(...args);
  };
};

/** What a client does after an error it cannot tell apart from a transient one: sends again. */
const twice = async (send: () => Promise<unknown>) => {
  await send().catch(() => undefined);
  await send().catch(() => undefined);
};

describe('password reset and change when the throttle bookkeeping fails once', () => {
  it('revokes every session of an account whose password a reset code has set', async () => {
    const world = identityWorld();
    const { userId } = await signedIn(world);
    await forgotPassword(world, 'u@example.com', context);
    const input = {
      email: 'u@example.com',
      code: world.cognito.mailedCode,
      password: NEW_PASSWORD,
    };
    throttleNextGiveBack(world);

    await twice(() => resetPassword(world, input, context));

    expect(world.cognito.accounts.get('u@example.com')?.password).toBe(NEW_PASSWORD);
    expect(await world.sessions.liveIds(userId, world.clock.now().toISOString())).toEqual([]);
  });

  it('revokes the other sessions of an account whose password was changed', async () => {
    const world = identityWorld();
    const { identity, session, userId } = await signedIn(world);
    await login(world, { email: 'u@example.com', password: PASSWORD }, context);
    const input = { accessToken: session.accessToken, previous: PASSWORD, proposed: NEW_PASSWORD };
    throttleNextGiveBack(world);

    await twice(() => changePassword(world, identity, input, context));

    expect(world.cognito.accounts.get('u@example.com')?.password).toBe(NEW_PASSWORD);
    expect(await world.sessions.liveIds(userId, world.clock.now().toISOString())).toEqual([
      session.sessionId,
    ]);
  });
});
