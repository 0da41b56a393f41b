import { describe, expect, it } from 'vitest';
import { login, verifyTwoFactor } from '../../../functions/users/login';
import { RateLimitExceededError } from '../../../shared/domain/errors';
import { activeUser, context, identityWorld, PASSWORD, type IdentityWorld } from './fakes/world';

const email = 'u@example.com';

/** Wrong passwords from `context.ip`, waiting out each back-off, until `count` have failed. */
const failPasswords = async (world: IdentityWorld, address: string, count: number) => {
  for (let failed = 0; failed < count;) {
    try {
      await login(world, { email: address, password: 'wrong-password' }, context);
    } catch (error) {
      if (error instanceof RateLimitExceededError) {
        world.clock.advance(error.retryAfterSeconds * 1000);
        continue;
      }
      failed += 1;
    }
  }
};

/** Lets the pending back-off of `address` at `context.ip` pass. */
const waitOut = async (world: IdentityWorld, address: string) => {
  try {
    const receipt = await world.throttle.check('login', address, context.ip);
    await world.throttle.passed('login', address, context.ip, receipt);
  } catch (error) {
    if (!(error instanceof RateLimitExceededError)) throw error;
    world.clock.advance(error.retryAfterSeconds * 1000);
  }
};

describe('sign-in throttle: an attempt that did not fail', () => {
  it('lets a right password followed by its TOTP code through once the back-off has passed', async () => {
    const world = identityWorld();
    activeUser(world, email);
    world.cognito.accounts.get(email)!.mfaOn = true;
    await failPasswords(world, email, 12);
    await waitOut(world, email);

    const first = await login(world, { email, password: PASSWORD }, context);
    if (first.kind !== 'mfa_required') throw new Error('expected a challenge');
    world.clock.advance(30_000);
    const signedIn = verifyTwoFactor(
      world,
      { email, session: first.challengeSession, code: world.cognito.validTotp },
      context,
    );

    await expect(signedIn).resolves.toMatchObject({ sessionId: expect.any(String) });
  });

  it("does not restart another user's wait at a shared address when one user signs in", async () => {
    const world = identityWorld();
    activeUser(world, 'a@example.com');
    activeUser(world, 'b@example.com');
    for (let i = 0; i < 35; i += 1) {
      await login(world, { email: `sprayed${i}@example.com`, password: 'x' }, context).catch(
        (error: unknown) => {
          if (error instanceof RateLimitExceededError) {
            world.clock.advance(error.retryAfterSeconds * 1000);
          }
        },
      );
    }
    await waitOut(world, 'a@example.com');

    await login(world, { email: 'a@example.com', password: PASSWORD }, context);
    world.clock.advance(1_000);
    const other = login(world, { email: 'b@example.com', password: PASSWORD }, context);

    await expect(other).resolves.toMatchObject({ kind: 'signed_in' });
  });
});
