import type { AuthenticationResultType } from '@aws-sdk/client-cognito-identity-provider';
import type { IssuedTokens } from './identity-provider';

interface AccessClaims {
  readonly sub: string;
  readonly jti: string;
  readonly iat: number;
  readonly exp: number;
  readonly groups: string[];
}

/**
 * The claims of an access token Cognito just handed us over TLS (no signature check needed:
 * the authorizer verifies every token it is later shown). Malformed tokens fail loudly.
 */
function accessClaims(token: string): AccessClaims {
  const payload = token.split('.')[1];
  if (payload === undefined) throw new Error('the provider returned a malformed access token');
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<
    string,
    unknown
  >;
  const { sub, jti, iat, exp } = claims;
  if (typeof sub !== 'string' || typeof jti !== 'string') {
    throw new Error('the access token lacks sub or jti');
  }
  if (typeof iat !== 'number' || typeof exp !== 'number') {
    throw new Error('the access token lacks iat or exp');
  }
  const groups = claims['cognito:groups'];
  return { sub, jti, iat, exp, groups: Array.isArray(groups) ? groups.map(String) : [] };
}

/**
 * Tokens with the claims we rely on. `ExpiresIn` is taken from Cognito when present; the
 * emulator omits it, so `exp − iat` of the token itself is the fallback.
 */
export function issuedTokens(result: AuthenticationResultType | undefined): IssuedTokens {
  const accessToken = result?.AccessToken;
  const idToken = result?.IdToken;
  if (accessToken === undefined || idToken === undefined) {
    throw new Error('the provider returned no tokens');
  }
  const claims = accessClaims(accessToken);
  return {
    accessToken,
    idToken,
    refreshToken: result?.RefreshToken,
    userId: claims.sub,
    tokenId: claims.jti,
    groups: claims.groups,
    expiresIn: result?.ExpiresIn ?? claims.exp - claims.iat,
    expiresAt: new Date(claims.exp * 1000).toISOString(),
  };
}
