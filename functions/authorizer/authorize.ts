import {
  anonymousContext,
  identityToContext,
  type AuthorizerContext,
} from '../../shared/http/identity';
import type { TokenVerifier } from './ports';

/** Every signed-in user holds both scopes; API keys (later) hold what they were granted. */
const USER_SCOPES = ['read', 'trade'] as const;

const BEARER = /^Bearer ([A-Za-z0-9\-_]+\.[A-Za-z0-9\-_]+\.[A-Za-z0-9\-_]*)$/;

/**
 * Labels a request with the verified caller or the reason there is none. It never denies:
 * handlers answer 401 in the API's envelope, which API Gateway's own 401/403 cannot.
 */
export async function authorize(
  authorizationHeader: string | undefined,
  verifier: TokenVerifier,
): Promise<AuthorizerContext> {
  if (authorizationHeader === undefined || authorizationHeader === '') {
    return anonymousContext('missing_token');
  }
  const match = BEARER.exec(authorizationHeader.trim());
  if (!match?.[1]) return anonymousContext('invalid_token');
  try {
    const token = await verifier.verifyAccessToken(match[1]);
    return identityToContext({
      userId: token.sub,
      groups: token.groups,
      authType: 'jwt',
      scopes: USER_SCOPES,
    });
  } catch {
    return anonymousContext('invalid_token');
  }
}
