import { beforeAll, describe, expect, it } from 'vitest';
import { signInNewUser, type SignedInUser } from '../../support/users';
import { codeAfterSpent, totp } from '../identity/support/totp';
import {
  issueKey,
  sendAs,
  sendRaw,
  sendSigned,
  signedRequest,
  type IssuedKey,
} from './support/signed-client';

const limitBuy = {
  symbol: 'BTCUSDT',
  side: 'BUY',
  type: 'LIMIT',
  price: '30000',
  quantity: '0.001',
};

let trader: SignedInUser;
let key: IssuedKey;

beforeAll(async () => {
  trader = await signInNewUser('bot-owner');
  await sendAs(trader.accessToken, 'POST', '/account/deposit', { asset: 'USDT', amount: '1000' });
  key = await issueKey(trader.accessToken);
});

describe('platform API keys', () => {
  it('shows the secret once and lists keys without it', async () => {
    const listed = await sendAs(trader.accessToken, 'GET', '/api-keys');

    expect(key.api_secret).toMatch(/^[0-9a-f]{64}$/);
    expect(listed.status).toBe(200);
    expect(listed.body.data.items[0]).toMatchObject({ id: key.id, api_key: key.api_key });
    expect(JSON.stringify(listed.body)).not.toContain(key.api_secret);
  });

  it('reads balances and places an order with signed requests, and records the last use', async () => {
    const balances = await sendSigned(key, 'GET', '/account/balances');
    const order = await sendSigned(key, 'POST', '/orders', { body: limitBuy, ip: '198.51.100.77' });
    const listed = await sendAs(trader.accessToken, 'GET', '/api-keys');

    expect(balances.status).toBe(200);
    expect(balances.headers.get('x-ratelimit-limit')).not.toBeNull();
    expect(order.status, JSON.stringify(order.body)).toBe(201);
    expect(order.body.data.status).toBe('PENDING');
    expect(listed.body.data.items[0]).toMatchObject({ last_used_ip: '198.51.100.77' });
    expect(listed.body.data.items[0].last_used_at).not.toBeNull();
  });

  it('signs the query string: a list with its limit passes, a changed limit does not', async () => {
    const good = signedRequest(key, 'GET', '/orders?limit=5');

    const passed = await sendRaw('GET', '/orders?limit=5', good.headers, undefined);
    const changed = await sendRaw('GET', '/orders?limit=100', good.headers, undefined);

    expect(passed.status).toBe(200);
    expect(changed.status).toBe(401);
    expect(changed.body.error.details.reason).toBe('INVALID_SIGNATURE');
  });

  it('refuses a replayed request', async () => {
    const once = signedRequest(key, 'GET', '/account/balances');

    const first = await sendRaw('GET', '/account/balances', once.headers, undefined);
    const again = await sendRaw('GET', '/account/balances', once.headers, undefined);

    expect(first.status).toBe(200);
    expect(again.status).toBe(401);
    expect(again.body.error.details.reason).toBe('REPLAYED_REQUEST');
  });

  it('refuses a skewed clock with the server time, and GET /api/time gives it', async () => {
    const time = await sendRaw('GET', '/time', {}, undefined);
    const skewed = await sendSigned(key, 'GET', '/account/balances', {
      timestamp: time.body.data.server_time - 10_000,
    });
    const widened = await sendSigned(key, 'GET', '/account/balances', {
      timestamp: Date.now() - 10_000,
      recvWindow: 60_000,
    });

    expect(time.status).toBe(200);
    expect(skewed.status).toBe(401);
    expect(skewed.body.error.details).toMatchObject({ reason: 'TIMESTAMP_OUT_OF_WINDOW' });
    expect(typeof skewed.body.error.details.server_time).toBe('number');
    expect(widened.status).toBe(200);
  });

  it('refuses a body other than the one signed', async () => {
    const answer = await sendSigned(key, 'POST', '/orders', {
      body: limitBuy,
      sendBody: JSON.stringify({ ...limitBuy, quantity: '0.002' }),
    });

    expect(answer.status).toBe(401);
    expect(answer.body.error.details.reason).toBe('BODY_HASH_MISMATCH');
  });

  it('never reaches withdrawals, key management or the profile', async () => {
    const answers = await Promise.all([
      sendSigned(key, 'POST', '/account/withdraw', {
        body: { asset: 'USDT', amount: '1', address: '0x0000000000000000000000000000000000000000' },
      }),
      sendSigned(key, 'GET', '/api-keys'),
      sendSigned(key, 'GET', '/auth/profile'),
    ]);

    expect(answers.map((a) => a.status)).toEqual([403, 403, 403]);
    expect(answers.map((a) => a.body.error.details.reason)).toEqual([
      'SCOPE_DENIED',
      'SCOPE_DENIED',
      'SCOPE_DENIED',
    ]);
  });

  it('keeps a read-only key from trading', async () => {
    const reader = await issueKey(trader.accessToken, { label: 'reader', scopes: ['read'] });

    const order = await sendSigned(reader, 'POST', '/orders', { body: limitBuy });
    const balances = await sendSigned(reader, 'GET', '/account/balances');

    expect(order.status).toBe(403);
    expect(balances.status).toBe(200);
  });

  it('honours the IP allowlist', async () => {
    const pinned = await issueKey(trader.accessToken, {
      label: 'pinned',
      scopes: ['read'],
      ip_allowlist: ['198.51.100.0/24'],
      expires_in_days: 365,
    });

    const inside = await sendSigned(pinned, 'GET', '/account/balances', { ip: '198.51.100.9' });
    const outside = await sendSigned(pinned, 'GET', '/account/balances', { ip: '203.0.113.9' });

    expect(inside.status).toBe(200);
    expect(outside.status).toBe(403);
    expect(outside.body.error.details.reason).toBe('IP_NOT_ALLOWED');
  });

  it('refuses more than 90 days without an allowlist', async () => {
    const answer = await sendAs(trader.accessToken, 'POST', '/api-keys', {
      label: 'forever',
      scopes: ['read'],
      expires_in_days: 120,
    });

    expect(answer.status).toBe(400);
  });

  it('stops accepting a deleted key at once, and hides other users’ keys', async () => {
    const doomed = await issueKey(trader.accessToken, { label: 'doomed', scopes: ['read'] });
    const other = await signInNewUser('key-thief');

    const stolen = await sendAs(other.accessToken, 'DELETE', `/api-keys/${doomed.id}`);
    const deleted = await sendAs(trader.accessToken, 'DELETE', `/api-keys/${doomed.id}`);
    const after = await sendSigned(doomed, 'GET', '/account/balances');

    expect(stolen.status).toBe(404);
    expect(deleted.body.data).toEqual({ id: doomed.id, deleted: true });
    expect(after.status).toBe(401);
    expect(after.body.error.details.reason).toBe('INVALID_API_KEY');
  });

  it('asks for a current two-factor code when the account has MFA on', async () => {
    const owner = await signInNewUser('mfa-bot-owner');
    const enabled = await sendAs(owner.accessToken, 'POST', '/auth/enable-2fa', {});
    const secret = enabled.body.data.secret as string;
    await sendAs(owner.accessToken, 'POST', '/auth/confirm-2fa', { code: totp(secret) });
    const confirmedAt = Date.now();

    const without = await sendAs(owner.accessToken, 'POST', '/api-keys', {
      label: 'bot',
      scopes: ['read'],
    });
    const wrong = await sendAs(owner.accessToken, 'POST', '/api-keys', {
      label: 'bot',
      scopes: ['read'],
      mfa_code: totp(secret, Date.now() - 3_600_000),
    });
    const right = await sendAs(owner.accessToken, 'POST', '/api-keys', {
      label: 'bot',
      scopes: ['read'],
      mfa_code: await codeAfterSpent(secret, confirmedAt),
    });

    expect(without.status).toBe(400);
    expect(wrong.status).toBe(403);
    expect(right.status, JSON.stringify(right.body)).toBe(201);
  });
});
