import { API_KEY_PATTERN, type ApiKeyScope } from '../../shared/api-keys/api-key-items';
import { ipAllowed } from '../../shared/api-keys/ip-allowlist';
import {
  API_KEY_HEADERS,
  EMPTY_BODY_SHA256,
  isSha256Hex,
  parseRecvWindow,
  parseTimestamp,
  signaturesMatch,
  signRequest,
} from '../../shared/api-keys/signing';
import {
  anonymousContext,
  identityToContext,
  type AuthorizerContext,
} from '../../shared/http/identity';
import type { ApiKeyAuthPorts } from './api-key-ports';
import { feeTierContext } from './authorize';

/** What the authorizer knows of a request: API Gateway hands it everything but the body. */
export interface SignedRequest {
  readonly headers: Readonly<Record<string, string | undefined>>;
  readonly method: string;
  readonly path: string;
  readonly rawQuery: string;
  readonly sourceIp: string;
  /** The scope the route declares; undefined for routes only a signed-in session may call. */
  readonly requiredScope: ApiKeyScope | undefined;
}

/** A timestamp this far ahead of the server clock is still accepted (clients' clocks drift). */
const FUTURE_TOLERANCE_MS = 1_000;
/** Replay-cache entries outlive the window by this much, so TTL lag can never reopen it. */
const REPLAY_MARGIN_S = 60;

/**
 * Verifies a signed API-key request and labels it with the key owner's identity, or the reason
 * there is none. Cheap checks come first (headers, clock window), then the key and its owner,
 * then the HMAC in constant time; only a valid signature reaches the allowlist, the scope and
 * the replay cache, so nobody without the secret learns anything about a key or fills its cache.
 *
 * The body is not visible here (API Gateway does not pass it to authorizers): the signature
 * covers `X-API-Content-SHA256` (the empty body's hash when absent), and the context carries it
 * as `body_sha256` for the handler layer to compare with the real body.
 */
export async function verifyApiKey(
  ports: ApiKeyAuthPorts,
  request: SignedRequest,
): Promise<AuthorizerContext> {
  const header = (name: string) => request.headers[name]?.trim();
  const apiKey = header(API_KEY_HEADERS.key) ?? '';
  const signature = header(API_KEY_HEADERS.signature) ?? '';
  const timestampText = header(API_KEY_HEADERS.timestamp);
  const timestamp = parseTimestamp(timestampText);
  const recvWindowText = header(API_KEY_HEADERS.recvWindow);
  const recvWindow = parseRecvWindow(recvWindowText);
  const bodySha256 = header(API_KEY_HEADERS.contentSha256)?.toLowerCase() ?? EMPTY_BODY_SHA256;
  if (!API_KEY_PATTERN.test(apiKey)) return anonymousContext('invalid_api_key');
  if (
    timestamp === undefined ||
    timestampText === undefined ||
    recvWindow === undefined ||
    !/^[0-9a-fA-F]{64}$/.test(signature) ||
    !isSha256Hex(bodySha256)
  ) {
    return anonymousContext('invalid_signature');
  }
  const now = ports.nowMs();
  if (timestamp > now + FUTURE_TOLERANCE_MS || now - timestamp > recvWindow) {
    return anonymousContext('timestamp_out_of_window', { server_time: String(now) });
  }

  const key = await ports.directory.find(apiKey);
  if (key === undefined || Date.parse(key.key_expires_at) <= now) {
    return anonymousContext('invalid_api_key');
  }
  const account = await ports.directory.account(key.user_id);
  if (!account.active) return anonymousContext('inactive_user');
  let secret: Buffer;
  try {
    secret = await ports.secrets.open(key);
  } catch (error) {
    ports.alarm.raise('api_key.secret_unavailable', {
      key_id: key.key_id,
      user_id: key.user_id,
      error: error instanceof Error ? error.name : 'unknown',
    });
    return anonymousContext('invalid_api_key');
  }
  let expected: string;
  try {
    expected = signRequest(secret, {
      timestamp: timestampText,
      recvWindow: recvWindowText,
      method: request.method,
      path: request.path,
      rawQuery: request.rawQuery,
      bodySha256,
    });
  } finally {
    secret.fill(0);
  }
  if (!signaturesMatch(expected, signature)) return anonymousContext('invalid_signature');
  if (!ipAllowed(key.ip_allowlist, request.sourceIp)) return anonymousContext('ip_not_allowed');
  if (request.requiredScope === undefined || !key.scopes.includes(request.requiredScope)) {
    return anonymousContext('scope_denied');
  }
  const replayExpiry = Math.ceil((timestamp + recvWindow) / 1000) + REPLAY_MARGIN_S;
  if (!(await ports.replay.claim(key.key_id, signature.toLowerCase(), replayExpiry))) {
    return anonymousContext('replayed_request');
  }
  try {
    await ports.usage.record(
      key.key_id,
      new Date(now).toISOString(),
      request.sourceIp,
      key.key_expires_at,
    );
  } catch (error) {
    // Bookkeeping: the request is authentic and its signature already spent, so a failed
    // "last used" write must not turn it into an error the client cannot retry.
    ports.alarm.raise('api_key.usage_unrecorded', {
      key_id: key.key_id,
      error: error instanceof Error ? error.name : 'unknown',
    });
  }
  return {
    ...identityToContext({
      userId: key.user_id,
      groups: [],
      authType: 'api_key',
      scopes: key.scopes,
      apiKeyId: key.key_id,
    }),
    ...feeTierContext(account.feeTier),
    body_sha256: bodySha256,
  };
}
