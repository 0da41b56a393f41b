import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { registeredUser, send } from './support/api';

describe('sign-in throttling', () => {
  it('slows repeated failures with a growing delay, then lets the owner in', async () => {
    const user = await registeredUser('throttle');
    const wrong = () =>
      send('POST', '/auth/login', { body: { email: user.email, password: 'Wrong-Password-1' } });

    const free = [await wrong(), await wrong(), await wrong(), await wrong()];
    const firstWait = await wrong();
    await sleep(firstWait.body.error.details.retry_after * 1000 + 100);
    await wrong();
    const secondWait = await wrong();
    await sleep(secondWait.body.error.details.retry_after * 1000 + 100);
    const owner = await send('POST', '/auth/login', {
      body: { email: user.email, password: user.password },
    });

    expect(free.map((a) => a.status)).toEqual([401, 401, 401, 401]);
    expect(firstWait.status).toBe(429);
    expect(firstWait.body.error.code).toBe('RATE_LIMIT_EXCEEDED');
    expect(firstWait.headers.get('retry-after')).toBe('1');
    expect(secondWait.body.error.details.retry_after).toBe(2);
    expect(owner.status).toBe(200);
  });
});
