import { describe, expect, it } from 'vitest';
import { authorizeRequest } from '../../../functions/authorizer/authorize-request';
import type { SessionGate } from '../../../functions/authorizer/session-gate';
import { fakeAuthPorts, signed } from './support';

const verifier = {
  verifyAccessToken: async () => ({ sub: 'user-9', groups: ['trader'], tokenId: 'jti-1' }),
};
const gate: SessionGate = {
  check: async () => ({ sessionId: 'session-1', groups: ['trader'], feeTier: 4 }),
};
const token = 'aaa.bbb.ccc';

describe('authorizeRequest', () => {
  it('verifies a request with X-API-Key as a signed API-key request', async () => {
    const { ports } = fakeAuthPorts();

    const context = await authorizeRequest({ verifier, gate, apiKeys: ports }, signed());

    expect(context).toMatchObject({ auth_type: 'api_key', user_id: 'user-1' });
  });

  it('verifies any other request as a bearer token, with the fee tier for the order limit', async () => {
    const { ports } = fakeAuthPorts();
    const request = { ...signed(), headers: { authorization: `Bearer ${token}` } };

    const context = await authorizeRequest({ verifier, gate, apiKeys: ports }, request);

    expect(context).toMatchObject({
      auth_type: 'jwt',
      user_id: 'user-9',
      scopes: 'read,trade',
      session_id: 'session-1',
      fee_tier: '4',
    });
  });

  it('never lets a bearer token through on the strength of an invalid API key', async () => {
    const { ports } = fakeAuthPorts();
    const forged = signed({ secret: 'b'.repeat(64) });
    const request = { ...forged, headers: { ...forged.headers, authorization: `Bearer ${token}` } };

    const context = await authorizeRequest({ verifier, gate, apiKeys: ports }, request);

    expect(context['reason']).toBe('invalid_signature');
  });
});
