import { API_KEY_HEADERS } from '../../shared/api-keys/signing';
import type { AuthorizerContext } from '../../shared/http/identity';
import type { ApiKeyAuthPorts } from './api-key-ports';
import { authorize } from './authorize';
import type { TokenVerifier } from './ports';
import type { SessionGate } from './session-gate';
import { verifyApiKey, type SignedRequest } from './verify-api-key';

/**
 * The parts of an authorizer event (payload 2.0) the authorizer reads: what a signed request
 * is made of (a bearer-token request only uses its headers).
 */
export type AuthorizerInput = SignedRequest;

export interface AuthorizerDeps {
  readonly verifier: TokenVerifier;
  readonly gate: SessionGate;
  readonly apiKeys: ApiKeyAuthPorts;
}

/**
 * The one authorizer: a request with `X-API-Key` is a signed API-key request, anything else a
 * bearer-token request. Both hand the handlers the same identity shape (user id, scopes, auth
 * type); API-key callers reach only routes that declare a scope they hold.
 */
export function authorizeRequest(
  deps: AuthorizerDeps,
  input: AuthorizerInput,
): Promise<AuthorizerContext> {
  if (input.headers[API_KEY_HEADERS.key] !== undefined) {
    return verifyApiKey(deps.apiKeys, input);
  }
  return authorize(input.headers['authorization'], deps.verifier, deps.gate);
}
