import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Context } from 'aws-lambda';
import type { Route } from '../../../shared/http/api-handler';
import { apiHandler } from '../../../shared/http/api-handler';
import type { HttpApiEvent } from '../../../shared/http/parse-request';
import type { HttpResponse } from '../../../shared/http/response';
import * as contracts from '../../../shared/contracts/vault';
import { createLogger } from '../../../shared/logging/logger';
import type { RouteContract } from '../../../shared/contracts/route-contract';
import type { ApiAnswer } from '../../support/http';
import { httpEvent } from '../../support/http-events';
import { binanceCredentials } from './support/credentials';
import { fakeVault, type FakeVault } from './support/fakes';

type Handlers = {
  createExchangeKeyRoute: (deps: FakeVault) => Route<typeof contracts.createExchangeKeyRoute>;
  signPayloadRoute: (deps: FakeVault) => Route<typeof contracts.signPayloadRoute>;
  getExchangeKeyRoute: (deps: FakeVault) => Route<typeof contracts.getExchangeKeyRoute>;
};
let handlers: Handlers;

beforeAll(async () => {
  vi.stubEnv('VAULT_TABLE', 'vault');
  vi.stubEnv('VAULT_KEY_ID', 'arn:aws:kms:local:000000000000:key/test');
  vi.stubEnv('RATE_LIMITS_TABLE', 'limits');
  vi.stubEnv('AUDIT_TABLE', 'audit');
  const [create, sign, get] = await Promise.all([
    import('../../../functions/keys/create-exchange-key.handler'),
    import('../../../functions/keys/sign-payload.handler'),
    import('../../../functions/keys/get-exchange-key.handler'),
  ]);
  handlers = { ...create, ...sign, ...get };
  vi.unstubAllEnvs();
});

afterEach(() => vi.restoreAllMocks());

const user = (id: string) => ({
  auth_type: 'jwt',
  user_id: id,
  groups: 'trader',
  scopes: 'read,trade',
});

async function invoke<C extends RouteContract>(
  contract: C,
  route: Route<C>,
  event: HttpApiEvent,
): Promise<{ status: number; headers: Record<string, string>; body: ApiAnswer['body'] }> {
  const handler = apiHandler(contract, route, createLogger('keys-test'));
  const response = (await handler(event, {} as Context)) as HttpResponse;
  return {
    status: response.statusCode,
    headers: response.headers,
    body: JSON.parse(response.body) as ApiAnswer['body'],
  };
}

async function create(vault: FakeVault, credentials = binanceCredentials()) {
  return invoke(
    contracts.createExchangeKeyRoute,
    handlers.createExchangeKeyRoute(vault),
    httpEvent({
      method: 'POST',
      path: '/api/exchange-keys',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ exchange: 'binance', label: 'main', ...credentials }),
      authorizer: user('alice'),
    }),
  );
}

describe('vault routes through the handler wrapper', () => {
  it('answers a creation with 201 and the hint, never the key or secret', async () => {
    const vault = fakeVault();
    const credentials = binanceCredentials();

    const { status, body } = await create(vault, credentials);

    expect(status).toBe(201);
    expect(body.data.api_key_hint).toBe(
      `${credentials.api_key.slice(0, 4)}...${credentials.api_key.slice(-4)}`,
    );
    expect(JSON.stringify(body)).not.toContain(credentials.api_key);
    expect(JSON.stringify(body)).not.toContain(credentials.api_secret);
  });

  it('answers a signature with the rate-limit headers', async () => {
    const vault = fakeVault();
    const { body: created } = await create(vault);

    const { status, headers, body } = await invoke(
      contracts.signPayloadRoute,
      handlers.signPayloadRoute(vault),
      httpEvent({
        method: 'POST',
        path: `/api/exchange-keys/${created.data.id}/sign`,
        params: { id: created.data.id },
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ payload: 'a=1' }),
        authorizer: user('alice'),
      }),
    );

    expect(status).toBe(200);
    expect(body.data.signature).toMatch(/^[0-9a-f]{64}$/);
    expect(headers).toMatchObject({ 'x-ratelimit-limit': '1200', 'x-ratelimit-remaining': '1199' });
  });

  it("answers another user's key with the 404 envelope", async () => {
    const vault = fakeVault();
    const { body: created } = await create(vault);

    const { status, body } = await invoke(
      contracts.getExchangeKeyRoute,
      handlers.getExchangeKeyRoute(vault),
      httpEvent({
        path: `/api/exchange-keys/${created.data.id}`,
        params: { id: created.data.id },
        authorizer: user('bob'),
      }),
    );

    expect(status).toBe(404);
    expect(body.error).toMatchObject({ code: 'NOT_FOUND', message: 'Exchange key not found' });
  });

  it('answers a tampered credential with a bare INTERNAL_ERROR and logs no secret', async () => {
    const vault = fakeVault();
    const credentials = binanceCredentials();
    const { body: created } = await create(vault, credentials);
    vault.repository.tamper('alice', created.data.id, (r) => ({
      ...r,
      sealed: { ...r.sealed, encryptedDataKey: r.sealed.encryptedDataKey.slice(1) },
    }));
    const output: string[] = [];
    for (const stream of [process.stdout, process.stderr]) {
      vi.spyOn(stream, 'write').mockImplementation((chunk) => {
        output.push(String(chunk));
        return true;
      });
    }

    const { status, body } = await invoke(
      contracts.signPayloadRoute,
      handlers.signPayloadRoute(vault),
      httpEvent({
        method: 'POST',
        path: `/api/exchange-keys/${created.data.id}/sign`,
        params: { id: created.data.id },
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ payload: 'a=1' }),
        authorizer: user('alice'),
      }),
    );

    expect(status).toBe(500);
    expect(body.error).toEqual({
      code: 'INTERNAL_ERROR',
      message: 'An internal error occurred',
      request_id: 'req-1',
    });
    expect(output.join('')).toContain('VaultIntegrityError');
    expect(output.join('')).not.toContain(credentials.api_secret);
  });
});
