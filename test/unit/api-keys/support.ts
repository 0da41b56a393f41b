import type { ApiKeyLookupItem } from '../../../shared/api-keys/api-key-items';
import { bodySha256, signRequest } from '../../../shared/api-keys/signing';
import type { ApiKeyAuthPorts } from '../../../functions/authorizer/api-key-ports';
import type { SignedRequest } from '../../../functions/authorizer/verify-api-key';

export const NOW = Date.parse('2026-11-24T08:00:00.000Z');
export const API_KEY = `ak_${'A'.repeat(32)}`;
export const SECRET = 'a'.repeat(64);

export const storedKey = (overrides: Partial<ApiKeyLookupItem> = {}): ApiKeyLookupItem => ({
  user_id: 'user-1',
  key_id: 'key-1',
  scopes: ['read', 'trade'],
  ip_allowlist: [],
  key_expires_at: '2027-01-01T00:00:00.000Z',
  kms_key_id: 'arn:kms',
  encrypted_secret: new Uint8Array([1, 2, 3]),
  ...overrides,
});

/** In-memory ports of the API-key path of the authorizer. */
export function fakeAuthPorts(key: ApiKeyLookupItem = storedKey()) {
  const claimed = new Set<string>();
  const used: { keyId: string; ip: string }[] = [];
  const alarms: string[] = [];
  const ports: ApiKeyAuthPorts & { active: boolean } = {
    active: true,
    alarm: { raise: (event) => alarms.push(event) },
    directory: {
      find: async (apiKey) => (apiKey === API_KEY ? key : undefined),
      account: async () => ({ active: ports.active, feeTier: 2 }),
    },
    secrets: { open: async () => Buffer.from(SECRET, 'utf8') },
    replay: {
      claim: async (keyId, signature) => {
        const id = `${keyId}|${signature}`;
        if (claimed.has(id)) return false;
        claimed.add(id);
        return true;
      },
    },
    usage: {
      record: async (keyId, _at, ip) => {
        used.push({ keyId, ip });
      },
    },
    nowMs: () => NOW,
  };
  return { ports, claimed, used, alarms };
}

/** A request signed as a client would sign it. */
export function signed(
  options: {
    method?: string;
    path?: string;
    query?: string;
    body?: string;
    timestamp?: number;
    secret?: string;
    recvWindow?: string;
    scope?: 'read' | 'trade' | undefined;
    sourceIp?: string;
  } = {},
): SignedRequest {
  const method = options.method ?? 'POST';
  const path = options.path ?? '/api/orders';
  const rawQuery = options.query ?? '';
  const timestamp = String(options.timestamp ?? NOW);
  const hash = bodySha256(options.body ?? '');
  const signature = signRequest(options.secret ?? SECRET, {
    timestamp,
    recvWindow: options.recvWindow,
    method,
    path,
    rawQuery,
    bodySha256: hash,
  });
  return {
    headers: {
      'x-api-key': API_KEY,
      'x-api-timestamp': timestamp,
      'x-api-signature': signature,
      ...(options.body === undefined ? {} : { 'x-api-content-sha256': hash }),
      ...(options.recvWindow === undefined ? {} : { 'x-api-recv-window': options.recvWindow }),
    },
    method,
    path,
    rawQuery,
    sourceIp: options.sourceIp ?? '203.0.113.7',
    requiredScope: 'scope' in options ? options.scope : 'trade',
  };
}
