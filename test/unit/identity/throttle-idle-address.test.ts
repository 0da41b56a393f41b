import { describe, expect, it } from 'vitest';
import { throttleKeys } from '../../../functions/users/attempt-throttle';
import { login } from '../../../functions/users/login';
import { AuthenticationError, RateLimitExceededError } from '../../../shared/domain/errors';
import { activeUser, context, identityWorld, PASSWORD, type IdentityWorld } from './fakes/world';

const MINUTE = 60_000;

/** Wrong passwords at unknown accounts from `context.ip`, waiting out back-offs, `count` times. */
const spray = async (world: IdentityWorld, count: number) => {
  for (let failed = 0; failed < count;) {
    try {
      await login(world, { email: `sprayed${failed}@example.com`, password: 'x' }, context);
    } catch (error) {
      if (error instanceof RateLimitExceededError) {
        world.clock.advance(error.retryAfterSeconds * 1000);
        continue;
      }
      if (!(error instanceof AuthenticationError)) throw error;
      failed += 1;
    }
  }
};

describe('sign-in throttle at a shared address', () => {
  it('forgets the address bucket an hour after its last failure, even while others sign in', async () => {
    const world = identityWorld();
    activeUser(world, 'alice@example.com');
    activeUser(world, 'bob@example.com');
    await spray(world, 35);
    for (let i = 0; i < 6; i += 1) {
      world.clock.advance(20 * MINUTE);
      await login(world, { email: 'alice@example.com', password: PASSWORD }, context);
    }
    world.clock.advance(20 * MINUTE);

    await expect(
      login(world, { email: 'bob@example.com', password: 'typo' }, context),
    ).rejects.toThrow(AuthenticationError);
    const retry = login(world, { email: 'bob@example.com', password: PASSWORD }, context);

    await expect(retry).resolves.toMatchObject({ kind: 'signed_in' });
  });

  it('keeps no failure count for an address whose last failure is over an hour old', async () => {
    const world = identityWorld();
    activeUser(world, 'alice@example.com');
    await spray(world, 35);
    const ipKey = throttleKeys('login', 'any@example.com', context.ip).ip;

    for (let i = 0; i < 6; i += 1) {
      world.clock.advance(20 * MINUTE);
      await login(world, { email: 'alice@example.com', password: PASSWORD }, context);
    }
    const counters = await world.throttles.read([ipKey], world.clock.now().getTime());

    expect(counters.get(ipKey)).toBeUndefined();
  });
});
