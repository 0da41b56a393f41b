import { GetItemCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { createHmac, randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { createAwsClients } from '../../../shared/aws/clients';
import { localEnv } from '../../support/local-stack';
import { signInNewUser, type SignedInUser } from '../../support/users';
import { alphanumeric } from '../../unit/vault/support/credentials';
import { api, gatewayLogContaining, transcript } from './capture';

/** Every key and secret this file hands to the API: none may come back or reach a log. */
const secrets: string[] = [];

function binance() {
  const credentials = { api_key: alphanumeric(64), api_secret: alphanumeric(64) };
  secrets.push(credentials.api_key, credentials.api_secret);
  return credentials;
}

function bybit() {
  const credentials = { api_key: alphanumeric(18), api_secret: alphanumeric(36) };
  secrets.push(credentials.api_key, credentials.api_secret);
  return credentials;
}

const hmac = (secret: string, payload: string) =>
  createHmac('sha256', secret).update(payload).digest('hex');

const clients = createAwsClients();
let alice: SignedInUser;
let bob: SignedInUser;

beforeAll(async () => {
  [alice, bob] = await Promise.all([signInNewUser('vault-alice'), signInNewUser('vault-bob')]);
});

async function createKey(user: SignedInUser, credentials = binance(), extra: object = {}) {
  const answer = await api('/exchange-keys', {
    method: 'POST',
    token: user.accessToken,
    body: { exchange: 'binance', label: 'e2e', ...credentials, ...extra },
  });
  expect(answer.status).toBe(201);
  return answer.body.data as { id: string; api_key_hint: string };
}

describe('the exchange-key vault through the gateway', () => {
  it('creates, lists, reads, signs, rotates, signs anew, deletes, then answers 404', async () => {
    const first = binance();
    const payload = 'symbol=BTCUSDT&side=BUY&type=LIMIT&quantity=1&price=9000&timestamp=1';

    const created = await api('/exchange-keys', {
      method: 'POST',
      token: alice.accessToken,
      body: { exchange: 'binance', label: 'Main', ...first, permissions: ['read', 'trade'] },
    });
    const id: string = created.body.data.id;
    const listed = await api('/exchange-keys', { token: alice.accessToken });
    const read = await api(`/exchange-keys/${id}`, { token: alice.accessToken });
    const signed = await api(`/exchange-keys/${id}/sign`, {
      method: 'POST',
      token: alice.accessToken,
      body: { payload },
    });
    const second = binance();
    const rotated = await api(`/exchange-keys/${id}`, {
      method: 'PUT',
      token: alice.accessToken,
      body: { ...second, label: 'Main (rotated)' },
    });
    const signedAgain = await api(`/exchange-keys/${id}/sign`, {
      method: 'POST',
      token: alice.accessToken,
      body: { payload },
    });
    const deleted = await api(`/exchange-keys/${id}`, {
      method: 'DELETE',
      token: alice.accessToken,
    });
    const gone = await api(`/exchange-keys/${id}`, { token: alice.accessToken });
    const signGone = await api(`/exchange-keys/${id}/sign`, {
      method: 'POST',
      token: alice.accessToken,
      body: { payload },
    });

    expect(created.status).toBe(201);
    expect(created.body.data).toMatchObject({
      exchange: 'binance',
      label: 'Main',
      api_key_hint: `${first.api_key.slice(0, 4)}...${first.api_key.slice(-4)}`,
      testnet: false,
      permissions: ['read', 'trade'],
      rotation_count: 0,
    });
    expect(listed.body.data.items.map((k: { id: string }) => k.id)).toContain(id);
    expect(read.body.data).toEqual(created.body.data);
    expect(signed.status).toBe(200);
    expect(signed.body.data.signature).toBe(hmac(first.api_secret, payload));
    expect(signed.headers.get('x-ratelimit-limit')).toBe('1200');
    expect(rotated.body.data).toMatchObject({ id, label: 'Main (rotated)', rotation_count: 1 });
    expect(rotated.body.data.rotated_at).not.toBeNull();
    expect(signedAgain.body.data.signature).toBe(hmac(second.api_secret, payload));
    expect(deleted.body.data).toEqual({ id, deleted: true });
    expect([gone.status, signGone.status]).toEqual([404, 404]);
    expect(gone.body.error.code).toBe('NOT_FOUND');
  });

  it("answers another user's key with 404 on every route and leaves it intact", async () => {
    const credentials = binance();
    const { id } = await createKey(alice, credentials);

    const answers = await Promise.all([
      api(`/exchange-keys/${id}`, { token: bob.accessToken }),
      api(`/exchange-keys/${id}`, { method: 'PUT', token: bob.accessToken, body: { label: 'x' } }),
      api(`/exchange-keys/${id}/sign`, {
        method: 'POST',
        token: bob.accessToken,
        body: { payload: 'p' },
      }),
      api(`/exchange-keys/${id}`, { method: 'DELETE', token: bob.accessToken }),
    ]);
    const bobsList = await api('/exchange-keys', { token: bob.accessToken });
    const stillThere = await api(`/exchange-keys/${id}/sign`, {
      method: 'POST',
      token: alice.accessToken,
      body: { payload: 'p' },
    });

    expect(answers.map((a) => a.status)).toEqual([404, 404, 404, 404]);
    expect(answers.map((a) => a.body.error.message)).toEqual(
      Array(4).fill('Exchange key not found'),
    );
    expect(bobsList.body.data.items.map((k: { id: string }) => k.id)).not.toContain(id);
    expect(stillThere.body.data.signature).toBe(hmac(credentials.api_secret, 'p'));
  });

  it('refuses calls without a token', async () => {
    const { status, body } = await api('/exchange-keys');

    expect(status).toBe(401);
    expect(body.error.code).toBe('AUTHENTICATION_FAILED');
  });

  it.each([
    [
      'a Binance key of 63 characters',
      { exchange: 'binance', api_key: alphanumeric(63), api_secret: alphanumeric(64) },
      'api_key',
    ],
    [
      'a Bybit secret of 64 characters',
      { exchange: 'bybit', api_key: alphanumeric(18), api_secret: alphanumeric(64) },
      'api_secret',
    ],
    [
      'an unknown exchange',
      { exchange: 'kraken', api_key: alphanumeric(64), api_secret: alphanumeric(64) },
      'exchange',
    ],
  ])('answers VALIDATION_ERROR for %s without echoing it', async (_, body, field) => {
    secrets.push(body.api_key, body.api_secret);

    const { status, body: answer } = await api('/exchange-keys', {
      method: 'POST',
      token: alice.accessToken,
      body: { label: 'bad', ...body },
    });

    expect(status).toBe(400);
    expect(answer.error.code).toBe('VALIDATION_ERROR');
    expect(answer.error.details.fields.map((f: { field: string }) => f.field)).toContain(field);
  });

  it('refuses a label over 64 characters and a rotation in the wrong format', async () => {
    const { id } = await createKey(alice);

    const longLabel = await api('/exchange-keys', {
      method: 'POST',
      token: alice.accessToken,
      body: { exchange: 'binance', label: 'x'.repeat(65), ...binance() },
    });
    const wrongFormat = await api(`/exchange-keys/${id}`, {
      method: 'PUT',
      token: alice.accessToken,
      body: bybit(),
    });

    expect([longLabel.status, wrongFormat.status]).toEqual([400, 400]);
    expect(wrongFormat.body.error.details.fields.map((f: { field: string }) => f.field)).toEqual([
      'api_key',
      'api_secret',
    ]);
  });

  it('stores a Bybit testnet key and refuses the same key twice with CONFLICT', async () => {
    const credentials = bybit();

    const first = await api('/exchange-keys', {
      method: 'POST',
      token: bob.accessToken,
      body: { exchange: 'bybit', label: 'bybit', testnet: true, ...credentials },
    });
    const again = await api('/exchange-keys', {
      method: 'POST',
      token: bob.accessToken,
      body: { exchange: 'bybit', label: 'again', ...credentials },
    });

    expect(first.status).toBe(201);
    expect(first.body.data).toMatchObject({ exchange: 'bybit', testnet: true });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('CONFLICT');
  });

  it('answers RATE_LIMIT_EXCEEDED with retry_after once the minute budget is spent', async () => {
    const { id } = await createKey(alice);
    const windowStart = Math.floor(Date.now() / 60_000) * 60;
    for (const start of [windowStart, windowStart + 60]) {
      await clients.documents.send(
        new PutCommand({
          TableName: localEnv()['RATE_LIMITS_TABLE']!,
          Item: { pk: `exchange-key-sign#${id}#${start}`, count: 1200, expires_at: start + 120 },
        }),
      );
    }

    const { status, headers, body } = await api(`/exchange-keys/${id}/sign`, {
      method: 'POST',
      token: alice.accessToken,
      body: { payload: 'p' },
    });

    expect(status).toBe(429);
    expect(body.error.code).toBe('RATE_LIMIT_EXCEEDED');
    expect(body.error.details.retry_after).toBeGreaterThan(0);
    expect(headers.get('retry-after')).toBe(String(body.error.details.retry_after));
  });

  it('fails closed on a tampered ciphertext: bare 500 and a security event in the log', async () => {
    const { id } = await createKey(alice);
    const key = { pk: { S: `USER#${alice.userId}` }, sk: { S: `KEY#${id}` } };
    const table = localEnv()['VAULT_TABLE']!;
    const { Item } = await clients.dynamodb.send(
      new GetItemCommand({ TableName: table, Key: key }),
    );
    const ciphertext = Uint8Array.from(Item!['api_secret_ct']!.B!);
    ciphertext[0] = (ciphertext[0] ?? 0) ^ 0x80;
    await clients.dynamodb.send(
      new UpdateItemCommand({
        TableName: table,
        Key: key,
        UpdateExpression: 'SET api_secret_ct = :ct',
        ExpressionAttributeValues: { ':ct': { B: ciphertext } },
      }),
    );

    const { status, body } = await api(`/exchange-keys/${id}/sign`, {
      method: 'POST',
      token: alice.accessToken,
      body: { payload: 'p' },
    });
    const log = await gatewayLogContaining(`"key_id":"${id}"`);

    expect(status).toBe(500);
    expect(body.error).toEqual({
      code: 'INTERNAL_ERROR',
      message: 'An internal error occurred',
      request_id: body.error.request_id,
    });
    const event = log.split('\n').find((line) => line.includes(`"key_id":"${id}"`));
    expect(JSON.parse(event!)).toMatchObject({
      level: 'ERROR',
      message: 'security event',
      event: 'exchange_key.integrity_failure',
      reason: 'ciphertext_authentication_failed',
    });
  });

  it('never let a key or secret of this run into a response or the gateway log', async () => {
    const marker = await api(`/exchange-keys/${randomUUID()}`, { token: alice.accessToken });
    const log = await gatewayLogContaining(marker.body.error.request_id);
    const responses = transcript.join('\n');

    expect(secrets.length).toBeGreaterThan(20);
    expect(log.length).toBeGreaterThan(0);
    const leaks = secrets.filter((secret) => responses.includes(secret) || log.includes(secret));
    expect(leaks).toEqual([]);
  });
});
