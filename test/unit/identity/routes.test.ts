import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Route } from '../../../shared/http/api-handler';
import type { RouteContract } from '../../../shared/contracts/route-contract';
import { parseRequest } from '../../../shared/http/parse-request';
import { identityToContext } from '../../../shared/http/identity';
import { httpEvent } from '../../support/http-events';
import { identityWorld, PASSWORD, signedIn, activeUser } from './fakes/world';

/** Handler modules read their environment when imported, as at a Lambda cold start. */
beforeAll(() => {
  vi.stubEnv('USERS_TABLE', 'Users');
  vi.stubEnv('USER_POOL_ID', 'local_pool');
  vi.stubEnv('USER_POOL_CLIENT_ID', 'client');
  vi.stubEnv('AUDIT_TABLE', 'Audit');
  vi.stubEnv('RATE_LIMITS_TABLE', 'RateLimits');
  vi.stubEnv('LOCAL_MAILBOX_DIR', '/tmp/unused-mailbox');
});

afterAll(() => {
  vi.unstubAllEnvs();
});

const invoke = <C extends RouteContract>(
  contract: C,
  route: Route<C>,
  event: Parameters<typeof parseRequest>[1],
) => route(parseRequest(contract, event));

describe('identity route functions', () => {
  it('answers a challenged login with the TOTP challenge shape', async () => {
    const { loginRoute } = await import('../../../functions/users/login.handler');
    const { loginRoute: contract } = await import('../../../shared/contracts/identity-auth');
    const world = identityWorld();
    activeUser(world);
    world.cognito.accounts.get('u@example.com')!.mfaOn = true;

    const result = await invoke(
      contract,
      loginRoute(world),
      httpEvent({
        method: 'POST',
        body: JSON.stringify({ email: 'U@Example.com', password: PASSWORD }),
        headers: { 'content-type': 'application/json' },
      }),
    );

    expect(result.data).toEqual({
      mfa_required: true,
      challenge: 'SOFTWARE_TOKEN_MFA',
      session: expect.any(String),
    });
  });

  it('answers a sign-in with bearer tokens and the session id', async () => {
    const { loginRoute } = await import('../../../functions/users/login.handler');
    const { loginRoute: contract } = await import('../../../shared/contracts/identity-auth');
    const world = identityWorld();
    activeUser(world);

    const result = await invoke(
      contract,
      loginRoute(world),
      httpEvent({
        method: 'POST',
        body: JSON.stringify({ email: 'u@example.com', password: PASSWORD }),
        headers: { 'content-type': 'application/json' },
      }),
    );

    expect(result.data).toMatchObject({
      token_type: 'Bearer',
      expires_in: 900,
      session_id: expect.any(String),
      access_token: expect.any(String),
    });
  });

  it("marks the caller's own session as current", async () => {
    const { listSessionsRoute } = await import('../../../functions/users/list-sessions.handler');
    const { listSessionsRoute: contract } =
      await import('../../../shared/contracts/identity-users');
    const world = identityWorld();
    const { identity } = await signedIn(world);

    const result = await invoke(
      contract,
      listSessionsRoute(world),
      httpEvent({ authorizer: identityToContext(identity) }),
    );

    expect(result.data).toMatchObject({
      items: [{ id: identity.sessionId, current: true, ip: '203.0.113.7' }],
      next_cursor: null,
    });
  });
});
