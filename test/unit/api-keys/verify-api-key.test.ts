import { describe, expect, it } from 'vitest';
import { verifyApiKey } from '../../../functions/authorizer/verify-api-key';
import { bodySha256 } from '../../../shared/api-keys/signing';
import { identityFromContext } from '../../../shared/http/identity';
import { API_KEY, NOW, fakeAuthPorts, signed, storedKey } from './support';

describe('verifyApiKey', () => {
  it('labels a correctly signed request with the owner, the key scopes and auth type api_key', async () => {
    const { ports, used } = fakeAuthPorts();

    const context = await verifyApiKey(ports, signed());

    expect(identityFromContext(context)).toEqual({
      identity: {
        userId: 'user-1',
        groups: [],
        authType: 'api_key',
        scopes: ['read', 'trade'],
        apiKeyId: 'key-1',
      },
    });
    expect(used).toEqual([{ keyId: 'key-1', ip: '203.0.113.7' }]);
  });

  it('hands the owner’s fee tier on for the order limit', async () => {
    const { ports } = fakeAuthPorts();

    const context = await verifyApiKey(ports, signed());

    expect(context['fee_tier']).toBe('2');
  });

  it('hands the signed body hash to the handler layer', async () => {
    const { ports } = fakeAuthPorts();

    const context = await verifyApiKey(ports, signed({ body: '{"a":1}' }));

    expect(context['body_sha256']).toBe(bodySha256('{"a":1}'));
  });

  it('refuses a timestamp older than the receive window and tells the server time', async () => {
    const { ports } = fakeAuthPorts();

    const context = await verifyApiKey(ports, signed({ timestamp: NOW - 5001 }));

    expect(context).toMatchObject({ reason: 'timestamp_out_of_window', server_time: String(NOW) });
  });

  it('refuses a late request resent with a wider receive window: the window is signed', async () => {
    const { ports } = fakeAuthPorts();
    const original = signed({ timestamp: NOW - 2_000, recvWindow: '1000' });
    const widened = {
      ...original,
      headers: { ...original.headers, 'x-api-recv-window': '60000' },
    };

    const first = await verifyApiKey(ports, original);
    const resent = await verifyApiKey(ports, widened);

    expect(first['reason']).toBe('timestamp_out_of_window');
    expect(resent).toMatchObject({ auth_type: 'none', reason: 'invalid_signature' });
  });

  it('authenticates a request whose "last used" write fails, raising an alarm instead', async () => {
    const { ports, alarms } = fakeAuthPorts();
    ports.usage.record = async () => {
      throw Object.assign(new Error('throttled'), { name: 'ThrottlingException' });
    };

    const context = await verifyApiKey(ports, signed());

    expect(context['auth_type']).toBe('api_key');
    expect(alarms).toEqual(['api_key.usage_unrecorded']);
  });

  it('accepts an older timestamp inside a wider receive window', async () => {
    const { ports } = fakeAuthPorts();

    const context = await verifyApiKey(
      ports,
      signed({ timestamp: NOW - 30_000, recvWindow: '60000' }),
    );

    expect(context['auth_type']).toBe('api_key');
  });

  it('refuses a timestamp from the future beyond a second of drift', async () => {
    const { ports } = fakeAuthPorts();

    const context = await verifyApiKey(ports, signed({ timestamp: NOW + 1001 }));

    expect(context['reason']).toBe('timestamp_out_of_window');
  });

  it('refuses a signature made with another secret', async () => {
    const { ports } = fakeAuthPorts();

    const context = await verifyApiKey(ports, signed({ secret: 'b'.repeat(64) }));

    expect(context['reason']).toBe('invalid_signature');
  });

  it('refuses a signature replayed on another path, query or method', async () => {
    const { ports } = fakeAuthPorts();
    const original = signed({ path: '/api/orders', query: 'limit=1', method: 'GET' });

    const results = await Promise.all([
      verifyApiKey(ports, { ...original, path: '/api/account/balances' }),
      verifyApiKey(ports, { ...original, rawQuery: 'limit=100' }),
      verifyApiKey(ports, { ...original, method: 'DELETE' }),
    ]);

    expect(results.map((r) => r['reason'])).toEqual([
      'invalid_signature',
      'invalid_signature',
      'invalid_signature',
    ]);
  });

  it('refuses the same signed request a second time', async () => {
    const { ports } = fakeAuthPorts();
    const request = signed();

    const first = await verifyApiKey(ports, request);
    const second = await verifyApiKey(ports, request);

    expect(first['auth_type']).toBe('api_key');
    expect(second['reason']).toBe('replayed_request');
  });

  it('refuses unknown, malformed and expired keys alike', async () => {
    const expired = fakeAuthPorts(storedKey({ key_expires_at: new Date(NOW).toISOString() }));
    const unknown = fakeAuthPorts();
    unknown.ports.directory.find = async () => undefined;

    const results = await Promise.all([
      verifyApiKey(expired.ports, signed()),
      verifyApiKey(unknown.ports, signed()),
      verifyApiKey(unknown.ports, {
        ...signed(),
        headers: { ...signed().headers, 'x-api-key': 'nope' },
      }),
    ]);

    expect(results.map((r) => r['reason'])).toEqual([
      'invalid_api_key',
      'invalid_api_key',
      'invalid_api_key',
    ]);
  });

  it('refuses a key whose sealed secret KMS will not open, and raises the alarm', async () => {
    const { ports, alarms } = fakeAuthPorts();
    ports.secrets.open = async () => {
      throw Object.assign(new Error('bad ciphertext'), { name: 'InvalidCiphertextException' });
    };

    const context = await verifyApiKey(ports, signed());

    expect(context['reason']).toBe('invalid_api_key');
    expect(alarms).toEqual(['api_key.secret_unavailable']);
  });

  it('refuses the key of a suspended account', async () => {
    const { ports } = fakeAuthPorts();
    ports.active = false;

    const context = await verifyApiKey(ports, signed());

    expect(context['reason']).toBe('inactive_user');
  });

  it('refuses a caller outside the key allowlist', async () => {
    const { ports } = fakeAuthPorts(storedKey({ ip_allowlist: ['198.51.100.0/24'] }));

    const outside = await verifyApiKey(ports, signed({ sourceIp: '203.0.113.7' }));
    const inside = await verifyApiKey(ports, signed({ sourceIp: '198.51.100.8' }));

    expect(outside['reason']).toBe('ip_not_allowed');
    expect(inside['auth_type']).toBe('api_key');
  });

  it('refuses routes without a scope and scopes the key does not hold', async () => {
    const { ports } = fakeAuthPorts(storedKey({ scopes: ['read'] }));

    const jwtOnly = await verifyApiKey(ports, signed({ scope: undefined }));
    const trade = await verifyApiKey(ports, signed({ scope: 'trade', path: '/api/x' }));

    expect(jwtOnly['reason']).toBe('scope_denied');
    expect(trade['reason']).toBe('scope_denied');
  });

  it('refuses missing or malformed signing headers before touching the key store', async () => {
    const { ports } = fakeAuthPorts();
    ports.directory.find = async () => {
      throw new Error('must not be read');
    };
    const base = signed();

    const context = await verifyApiKey(ports, {
      ...base,
      headers: { 'x-api-key': API_KEY, 'x-api-timestamp': 'yesterday' },
    });

    expect(context['reason']).toBe('invalid_signature');
  });
});
