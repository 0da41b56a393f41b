import { readdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { localEnv } from '../../support/local-stack';
import { latestCode, newEmail, newPassword, send, type Tokens } from './support/api';
import { totp } from './support/totp';

/** Every secret this flow handles; none may appear in any log of the stack. */
const secrets = new Set<string>();
const remember = (...values: (string | undefined)[]) =>
  values.forEach((value) => value !== undefined && secrets.add(value));

/** Waits into the next 30 s TOTP step when the current one is about to end. */
async function freshTotp(secret: string): Promise<string> {
  const intoStep = Date.now() % 30_000;
  if (intoStep > 27_000) await sleep(30_000 - intoStep + 100);
  return totp(secret);
}

describe('an account from sign-up to logout, through the gateway', () => {
  const email = newEmail('flow');
  const password = newPassword();
  let tokens: Tokens;
  let totpSecret: string;
  const nextTotp = (): Promise<string> => freshTotp(totpSecret);

  it('registers and confirms with the mailed code', async () => {
    remember(password);
    const registered = await send('POST', '/auth/register', {
      body: { email, password, username: `flow_${Date.now()}` },
    });
    const code = await latestCode(email, 'VERIFICATION');
    const confirmed = await send('POST', '/auth/confirm', { body: { email, code } });

    expect(registered.status).toBe(201);
    expect(registered.body.data).toMatchObject({ email, status: 'PENDING_VERIFICATION' });
    expect(confirmed.body).toEqual({ success: true, data: { status: 'ACTIVE' } });
  });

  it('signs in with tokens and a session', async () => {
    const answer = await send('POST', '/auth/login', { body: { email, password } });

    tokens = answer.body.data;
    remember(tokens.access_token, tokens.refresh_token, tokens.id_token);
    expect(answer.status).toBe(200);
    expect(tokens).toMatchObject({ token_type: 'Bearer', expires_in: 900 });
    expect(tokens.session_id).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('reads the profile of the new ACTIVE trader', async () => {
    const profile = await send('GET', '/auth/profile', { token: tokens.access_token });

    expect(profile.status).toBe(200);
    expect(profile.body.data).toMatchObject({
      email,
      status: 'ACTIVE',
      kyc_status: 'NONE',
      kyc_level: 0,
      fee_tier: 1,
      mfa_enabled: false,
      groups: ['trader'],
    });
  });

  it('refreshes within the same session', async () => {
    const answer = await send('POST', '/auth/refresh', {
      body: { refresh_token: tokens.refresh_token },
    });

    remember(answer.body.data.access_token, answer.body.data.id_token);
    expect(answer.status).toBe(200);
    expect(answer.body.data.session_id).toBe(tokens.session_id);
    const profile = await send('GET', '/auth/profile', { token: answer.body.data.access_token });
    expect(profile.status).toBe(200);
  });

  it('enables TOTP with a secret and a code from the app', async () => {
    const enabled = await send('POST', '/auth/enable-2fa', {
      token: tokens.access_token,
      body: {},
    });
    totpSecret = enabled.body.data.secret;
    remember(totpSecret, enabled.body.data.otpauth_uri);
    const confirmed = await send('POST', '/auth/confirm-2fa', {
      token: tokens.access_token,
      body: { code: await nextTotp() },
    });

    expect(enabled.body.data.otpauth_uri).toMatch(/^otpauth:\/\/totp\/Exchange:/);
    expect(confirmed.body).toEqual({ success: true, data: { mfa_enabled: true } });
  });

  it('challenges the next sign-in and completes it with verify-2fa', async () => {
    const challenged = await send('POST', '/auth/login', { body: { email, password } });
    remember(challenged.body.data.session);
    const verified = await send('POST', '/auth/verify-2fa', {
      body: { email, session: challenged.body.data.session, code: await nextTotp() },
    });

    expect(challenged.body.data).toEqual({
      mfa_required: true,
      challenge: 'SOFTWARE_TOKEN_MFA',
      session: expect.any(String),
    });
    expect(verified.status).toBe(200);
    remember(
      verified.body.data.access_token,
      verified.body.data.refresh_token,
      verified.body.data.id_token,
    );
    expect(verified.body.data.session_id).not.toBe(tokens.session_id);
  });

  it('refuses a revoked session on the very next request', async () => {
    const other = await send('POST', '/auth/login', { body: { email, password } });
    const second = await send('POST', '/auth/verify-2fa', {
      body: { email, session: other.body.data.session, code: await nextTotp() },
    });
    const victim: Tokens = second.body.data;
    remember(victim.access_token, victim.refresh_token, victim.id_token, other.body.data.session);

    const revoked = await send('DELETE', `/users/me/sessions/${victim.session_id}`, {
      token: tokens.access_token,
    });
    const after = await send('GET', '/auth/profile', { token: victim.access_token });
    const refresh = await send('POST', '/auth/refresh', {
      body: { refresh_token: victim.refresh_token },
    });

    expect(revoked.body).toEqual({ success: true, data: { id: victim.session_id, revoked: true } });
    expect(after.status).toBe(401);
    expect(after.body.error).toMatchObject({
      code: 'AUTHENTICATION_FAILED',
      message: 'The session has been revoked',
    });
    expect(refresh.status).toBe(401);
  });

  it('records the account activity, newest first', async () => {
    const activity = await send('GET', '/users/me/activity?limit=50', {
      token: tokens.access_token,
    });

    const types = activity.body.data.items.map((i: { type: string }) => i.type);
    expect(types[0]).toBe('session.revoked');
    expect(types).toEqual(
      expect.arrayContaining(['registered', 'confirmed', 'login', 'mfa.enabled']),
    );
  });

  it('turns TOTP off only with the password and a current code', async () => {
    const refused = await send('POST', '/auth/disable-2fa', {
      token: tokens.access_token,
      body: { password, code: '000000' },
    });
    const disabled = await send('POST', '/auth/disable-2fa', {
      token: tokens.access_token,
      body: { password, code: await nextTotp() },
    });
    const plain = await send('POST', '/auth/login', { body: { email, password } });
    remember(plain.body.data.access_token, plain.body.data.refresh_token, plain.body.data.id_token);

    expect(refused.status).toBe(400);
    expect(disabled.body).toEqual({ success: true, data: { mfa_enabled: false } });
    expect(plain.body.data).toMatchObject({ token_type: 'Bearer' });
  });

  it('logs out and refuses the token at once', async () => {
    const out = await send('POST', '/auth/logout', {
      token: tokens.access_token,
      body: { refresh_token: tokens.refresh_token },
    });
    const after = await send('GET', '/auth/profile', { token: tokens.access_token });

    expect(out.body).toEqual({
      success: true,
      data: { session_id: tokens.session_id, revoked: true },
    });
    expect(after.status).toBe(401);
  });

  it('never writes a password, token, MFA session or TOTP secret to any log', async () => {
    await sleep(500);
    const logDir = join(dirname(dirname(localEnv()['LOCAL_MAILBOX_DIR']!)), 'logs');
    const files = (await readdir(logDir)).filter((name) => name.endsWith('.log'));
    const logs = (
      await Promise.all(files.map((name) => readFile(join(logDir, name), 'utf8')))
    ).join('\n');

    expect(files).toContain('gateway.log');
    expect(logs).toContain('/api/auth/login');
    expect(secrets.size).toBeGreaterThanOrEqual(12);
    const leaked = [...secrets].filter((secret) => logs.includes(secret));
    expect(leaked).toEqual([]);
  });
});
