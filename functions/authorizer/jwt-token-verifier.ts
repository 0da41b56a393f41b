import { JwtRsaVerifier } from 'aws-jwt-verify';
import { SimpleJwksCache } from 'aws-jwt-verify/jwk';
import type { TokenVerifier, VerifiedToken } from './ports';

/**
 * Verifies Cognito access tokens against the pool's JWKS (RS256): signature, issuer, expiry,
 * `token_use: access` and the app client. The JWKS is fetched with the platform `fetch` so the
 * same code verifies cognito-local's tokens over plain HTTP on loopback.
 */
export function jwtTokenVerifier(options: { issuer: string; clientId: string }): TokenVerifier {
  const verifier = JwtRsaVerifier.create(
    {
      issuer: options.issuer,
      jwksUri: `${options.issuer}/.well-known/jwks.json`,
      audience: null,
      customJwtCheck: ({ payload }) => {
        if (payload['token_use'] !== 'access') throw new Error('not an access token');
        if (payload['client_id'] !== options.clientId) throw new Error('foreign client');
      },
    },
    {
      jwksCache: new SimpleJwksCache({
        fetcher: { fetch: async (uri: string) => (await fetch(uri)).arrayBuffer() },
      }),
    },
  );
  return {
    async verifyAccessToken(token: string): Promise<VerifiedToken> {
      const payload = await verifier.verify(token);
      const groups = payload['cognito:groups'];
      return {
        sub: String(payload.sub),
        groups: Array.isArray(groups) ? groups.map(String) : [],
        tokenId: typeof payload.jti === 'string' ? payload.jti : undefined,
      };
    },
  };
}
