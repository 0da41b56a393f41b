import { bodySha256, signRequest } from '../../../../shared/api-keys/signing';
import { call, type ApiAnswer } from '../../../support/http';
import { localEnv } from '../../../support/local-stack';

/** The local API's base URL (`…/api`). */
export const api = (): string => localEnv()['API_URL']!;

/** A platform API key as `POST /api/api-keys` answered it. */
export interface IssuedKey {
  readonly id: string;
  readonly api_key: string;
  readonly api_secret: string;
}

export interface SignOptions {
  readonly body?: unknown;
  /** Overrides `X-API-Timestamp` (ms). */
  readonly timestamp?: number;
  readonly recvWindow?: number;
  /** A simulated client address (the local gateway trusts `X-Forwarded-For` from loopback). */
  readonly ip?: string;
  /** Sends this body instead of the signed one (tampering). */
  readonly sendBody?: string;
}

/** The headers and raw body of a request signed as a bot signs it. */
export function signedRequest(
  key: IssuedKey,
  method: string,
  pathAndQuery: string,
  options: SignOptions = {},
): { headers: Record<string, string>; body: string | undefined } {
  const url = new URL(`${api()}${pathAndQuery}`);
  const body = options.body === undefined ? undefined : JSON.stringify(options.body);
  const timestamp = String(options.timestamp ?? Date.now());
  const hash = bodySha256(body ?? '');
  const signature = signRequest(key.api_secret, {
    timestamp,
    method,
    path: url.pathname,
    rawQuery: url.search.replace(/^\?/, ''),
    bodySha256: hash,
    recvWindow: options.recvWindow === undefined ? undefined : String(options.recvWindow),
  });
  const headers: Record<string, string> = {
    'x-api-key': key.api_key,
    'x-api-timestamp': timestamp,
    'x-api-signature': signature,
    'user-agent': 'api-key-e2e',
  };
  if (body !== undefined) {
    headers['content-type'] = 'application/json';
    headers['x-api-content-sha256'] = hash;
  }
  if (options.recvWindow !== undefined) headers['x-api-recv-window'] = String(options.recvWindow);
  if (options.ip !== undefined) headers['x-forwarded-for'] = options.ip;
  return { headers, body: options.sendBody ?? body };
}

/** Sends a signed request; `raw` sends exactly the given headers and body again (replays). */
export function sendSigned(
  key: IssuedKey,
  method: string,
  pathAndQuery: string,
  options: SignOptions = {},
): Promise<ApiAnswer> {
  const { headers, body } = signedRequest(key, method, pathAndQuery, options);
  return sendRaw(method, pathAndQuery, headers, body);
}

export function sendRaw(
  method: string,
  pathAndQuery: string,
  headers: Record<string, string>,
  body: string | undefined,
): Promise<ApiAnswer> {
  return call(`${api()}${pathAndQuery}`, {
    method,
    headers,
    ...(body === undefined ? {} : { body }),
  });
}

/** A JSON call with a bearer token (and optionally a simulated client address). */
export function sendAs(
  token: string,
  method: string,
  path: string,
  body?: unknown,
  ip?: string,
): Promise<ApiAnswer> {
  return call(`${api()}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(ip === undefined ? {} : { 'x-forwarded-for': ip }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

/** Creates a key for a signed-in user; fails the test when the API refuses. */
export async function issueKey(
  token: string,
  body: Record<string, unknown> = { label: 'bot', scopes: ['read', 'trade'] },
): Promise<IssuedKey> {
  const answer = await sendAs(token, 'POST', '/api-keys', body);
  if (answer.status !== 201) throw new Error(`key not created: ${JSON.stringify(answer.body)}`);
  return answer.body.data as IssuedKey;
}
