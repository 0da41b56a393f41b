import { describe, expect, it } from 'vitest';
import { latestCode, newEmail, send, signedInUser } from './support/api';

describe('account self-service', () => {
  it('refuses a weak password naming the field and never echoing it', async () => {
    const weak = 'Password2024!';

    const answer = await send('POST', '/auth/register', {
      body: { email: newEmail('weak'), password: weak },
    });

    expect(answer.status).toBe(400);
    expect(answer.body.error.code).toBe('VALIDATION_ERROR');
    expect(answer.body.error.details.fields).toEqual([
      expect.objectContaining({ field: 'password', in: 'body' }),
    ]);
    expect(JSON.stringify(answer.body)).not.toContain(weak);
  });

  it('keeps usernames unique regardless of case', async () => {
    const alice = await signedInUser('uname-a');
    const bob = await signedInUser('uname-b');
    const name = `Trader_${Date.now()}`;

    const mine = await send('PUT', '/auth/profile', {
      token: alice.tokens.access_token,
      body: { username: name },
    });
    const taken = await send('PUT', '/auth/profile', {
      token: bob.tokens.access_token,
      body: { username: name.toLowerCase() },
    });

    expect(mine.body.data.username).toBe(name);
    expect(taken.status).toBe(409);
  });

  it('saves preferences partially over the defaults', async () => {
    const user = await signedInUser('prefs');

    const before = await send('GET', '/users/me/preferences', { token: user.tokens.access_token });
    const saved = await send('PUT', '/users/me/preferences', {
      token: user.tokens.access_token,
      body: {
        theme: 'dark',
        timezone: 'Europe/Berlin',
        notifications: { push: { price_alerts: true } },
      },
    });

    expect(before.body.data).toMatchObject({ theme: 'system', updated_at: null });
    expect(saved.body.data).toMatchObject({
      theme: 'dark',
      timezone: 'Europe/Berlin',
      language: 'en',
      notifications: { push: { trading: true, price_alerts: true } },
    });
  });

  it('changes the password, revoking the other sessions', async () => {
    const user = await signedInUser('chpw');
    const other = await send('POST', '/auth/login', {
      body: { email: user.email, password: user.password },
    });

    const changed = await send('POST', '/auth/change-password', {
      token: user.tokens.access_token,
      body: { previous_password: user.password, proposed_password: `${user.password}x` },
    });
    const otherAfter = await send('GET', '/auth/profile', {
      token: other.body.data.access_token,
    });
    const relogin = await send('POST', '/auth/login', {
      body: { email: user.email, password: `${user.password}x` },
    });

    expect(changed.body.data).toEqual({ changed: true, sessions_revoked: 1 });
    expect(otherAfter.status).toBe(401);
    expect(relogin.status).toBe(200);
  });

  it('resets a forgotten password with the mailed code and ends every session', async () => {
    const user = await signedInUser('reset');
    await send('POST', '/auth/forgot-password', { body: { email: user.email } });

    const reset = await send('POST', '/auth/reset-password', {
      body: {
        email: user.email,
        code: await latestCode(user.email, 'PASSWORD_RESET'),
        password: `${user.password}-new`,
      },
    });
    const oldToken = await send('GET', '/auth/profile', { token: user.tokens.access_token });

    expect(reset.body).toEqual({ success: true, data: { reset: true } });
    expect(oldToken.status).toBe(401);
  });
});
