import { describe, expect, it } from 'vitest';
import { send, signedInAdmin, signedInUser, signIn } from './support/api';

describe('admin user management', () => {
  it('refuses a trader on every admin route with 403', async () => {
    const trader = await signedInUser('trader');
    const id = trader.userId;
    const token = trader.tokens.access_token;

    const answers = await Promise.all([
      send('GET', '/admin/users', { token }),
      send('GET', `/admin/users/${id}`, { token }),
      send('PUT', `/admin/users/${id}/status`, {
        token,
        body: { status: 'SUSPENDED', reason: 'x' },
      }),
      send('PUT', `/admin/users/${id}/kyc`, { token, body: { kyc_level: 3, reason: 'self' } }),
      send('PUT', `/admin/users/${id}/groups`, {
        token,
        body: { groups: ['admin'], reason: 'me' },
      }),
    ]);

    expect(answers.map((a) => a.status)).toEqual([403, 403, 403, 403, 403]);
  });

  it('finds users by email prefix and by status', async () => {
    const admin = await signedInAdmin();
    const user = await signedInUser('searchable');
    const prefix = user.email.slice(0, 20);

    const byPrefix = await send('GET', `/admin/users?email_prefix=${encodeURIComponent(prefix)}`, {
      token: admin.access_token,
    });
    const byStatus = await send('GET', '/admin/users?status=ACTIVE&limit=100', {
      token: admin.access_token,
    });

    expect(byPrefix.body.data.items.map((u: { email: string }) => u.email)).toEqual([user.email]);
    expect(byStatus.body.data.items.every((u: { status: string }) => u.status === 'ACTIVE')).toBe(
      true,
    );
  });

  it('suspends a user: live tokens are refused at once, sign-in fails, reactivation restores', async () => {
    const admin = await signedInAdmin();
    const user = await signedInUser('suspend');

    const suspended = await send('PUT', `/admin/users/${user.userId}/status`, {
      token: admin.access_token,
      body: { status: 'SUSPENDED', reason: 'suspicious withdrawals' },
    });
    const liveToken = await send('GET', '/auth/profile', { token: user.tokens.access_token });
    const signIn1 = await send('POST', '/auth/login', {
      body: { email: user.email, password: user.password },
    });
    const refresh = await send('POST', '/auth/refresh', {
      body: { refresh_token: user.tokens.refresh_token },
    });
    const reactivated = await send('PUT', `/admin/users/${user.userId}/status`, {
      token: admin.access_token,
      body: { status: 'ACTIVE', reason: 'cleared after review' },
    });
    const detail = await send('GET', `/admin/users/${user.userId}`, { token: admin.access_token });

    expect(suspended.body.data.status).toBe('SUSPENDED');
    expect(liveToken.status).toBe(401);
    expect(liveToken.body.error.message).toBe('The account is not active');
    expect(signIn1.status).toBe(401);
    expect(refresh.status).toBe(401);
    expect(reactivated.body.data.status).toBe('ACTIVE');
    expect(detail.body.data.status_history.map((c: { to: string }) => c.to)).toEqual([
      'ACTIVE',
      'SUSPENDED',
      'ACTIVE',
    ]);
    await expect(signIn(user.email, user.password)).resolves.toMatchObject({
      token_type: 'Bearer',
    });
  });

  it('refuses a closed account’s tokens as inactive and never reopens it', async () => {
    const admin = await signedInAdmin();
    const user = await signedInUser('close');
    const second = await signIn(user.email, user.password);

    await send('PUT', `/admin/users/${user.userId}/status`, {
      token: admin.access_token,
      body: { status: 'CLOSED', reason: 'customer asked to close' },
    });
    const reopen = await send('PUT', `/admin/users/${user.userId}/status`, {
      token: admin.access_token,
      body: { status: 'ACTIVE', reason: 'change of mind' },
    });
    const token = await send('GET', '/auth/profile', { token: second.access_token });

    expect(reopen.status).toBe(409);
    expect(token.status).toBe(401);
  });

  it('sets KYC and fee tier, searchable by KYC status', async () => {
    const admin = await signedInAdmin();
    const user = await signedInUser('kyc');

    const updated = await send('PUT', `/admin/users/${user.userId}/kyc`, {
      token: admin.access_token,
      body: { kyc_status: 'APPROVED', kyc_level: 2, fee_tier: 3, reason: 'documents verified' },
    });
    const found = await send(
      'GET',
      `/admin/users?kyc_status=APPROVED&email_prefix=${encodeURIComponent(user.email)}`,
      { token: admin.access_token },
    );
    const own = await send('GET', '/auth/profile', { token: user.tokens.access_token });

    expect(updated.body.data).toMatchObject({ kyc_status: 'APPROVED', kyc_level: 2, fee_tier: 3 });
    expect(found.body.data.items.map((u: { user_id: string }) => u.user_id)).toEqual([user.userId]);
    expect(own.body.data.fee_tier).toBe(3);
  });

  it('grants a role with the next token and withdraws it at once', async () => {
    const admin = await signedInAdmin();
    const user = await signedInUser('roles');

    await send('PUT', `/admin/users/${user.userId}/groups`, {
      token: admin.access_token,
      body: { groups: ['trader', 'auditor'], reason: 'joins audit' },
    });
    const before = await send('GET', '/admin/users?limit=1', { token: user.tokens.access_token });
    const fresh = await signIn(user.email, user.password);
    const granted = await send('GET', '/admin/users?limit=1', { token: fresh.access_token });
    await send('PUT', `/admin/users/${user.userId}/groups`, {
      token: admin.access_token,
      body: { groups: ['trader'], reason: 'left audit' },
    });
    const withdrawn = await send('GET', '/admin/users?limit=1', { token: fresh.access_token });

    expect(before.status).toBe(403);
    expect(granted.status).toBe(200);
    expect(withdrawn.status).toBe(403);
  });
});
