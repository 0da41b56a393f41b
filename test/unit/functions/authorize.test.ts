import { describe, expect, it } from 'vitest';
import { authorize } from '../../../functions/authorizer/authorize';
import type { TokenVerifier } from '../../../functions/authorizer/ports';
import { identityFromContext } from '../../../shared/http/identity';

const GOOD = 'aaa.bbb.ccc';
const verifier: TokenVerifier = {
  async verifyAccessToken(token) {
    if (token !== GOOD) throw new Error('bad signature');
    return { sub: 'user-7', groups: ['trader', 'admin'], tokenId: 'jti-1' };
  },
};

describe('authorize', () => {
  it('labels a valid bearer token with the user id, groups and scopes', async () => {
    const context = await authorize(`Bearer ${GOOD}`, verifier);

    expect(identityFromContext(context)).toEqual({
      identity: {
        userId: 'user-7',
        groups: ['trader', 'admin'],
        authType: 'jwt',
        scopes: ['read', 'trade'],
      },
    });
  });

  it('labels a request without a token as missing_token', async () => {
    expect(await authorize(undefined, verifier)).toEqual({
      auth_type: 'none',
      reason: 'missing_token',
    });
  });

  it('labels a token that fails verification as invalid_token', async () => {
    expect(await authorize('Bearer xxx.yyy.zzz', verifier)).toEqual({
      auth_type: 'none',
      reason: 'invalid_token',
    });
  });

  it('labels a header that is not a bearer JWT as invalid_token', async () => {
    expect(await authorize('Basic dXNlcjpwYXNz', verifier)).toMatchObject({
      reason: 'invalid_token',
    });
  });
});
