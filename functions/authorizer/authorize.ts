import {
  anonymousContext,
  identityToContext,
  type AuthorizerContext,
} from '../../shared/http/identity';
import type { TokenVerifier } from './ports';
import type { SessionGate } from './session-gate';

/** Every signed-in user holds both scopes; API keys (later) hold what they were granted. */
const USER_SCOPES = ['read', 'trade'] as const;

/** The caller's fee tier, for the order-entry rate limit (`shared/http/rate-limit.ts`). */
export const feeTierContext = (tier: number | undefined): Record<string, string> =>
  tier === undefined ? {} : { fee_tier: String(tier) };

const BEARER = /^Bearer ([A-Za-z0-9\-_]+\.[A-Za-z0-9\-_]+\.[A-Za-z0-9\-_]*)$/;

/**
 * Labels a request with the verified caller or the reason there is none. It never denies:
 * handlers answer 401 in the API's envelope, which API Gateway's own 401/403 cannot.
 * With a `gate`, a verified token must also belong to a live session of an active account
 * (`revoked`, `inactive_user`), and the caller's roles are those the profile still grants.
 */
export async function authorize(
  authorizationHeader: string | undefined,
  verifier: TokenVerifier,
  gate?: SessionGate,
): Promise<AuthorizerContext> {
  if (authorizationHeader === undefined || authorizationHeader === '') {
    return anonymousContext('missing_token');
  }
  const match = BEARER.exec(authorizationHeader.trim());
  if (!match?.[1]) return anonymousContext('invalid_token');
  let token;
  try {
    token = await verifier.verifyAccessToken(match[1]);
  } catch {
    return anonymousContext('invalid_token');
  }
  if (gate === undefined) {
    return identityToContext({
      userId: token.sub,
      groups: token.groups,
      authType: 'jwt',
      scopes: USER_SCOPES,
    });
  }
  const verdict = await gate.check(token);
  if ('reason' in verdict) return anonymousContext(verdict.reason);
  return {
    ...identityToContext({
      userId: token.sub,
      groups: verdict.groups,
      authType: 'jwt',
      scopes: USER_SCOPES,
      sessionId: verdict.sessionId,
    }),
    ...feeTierContext(verdict.feeTier),
  };
}
