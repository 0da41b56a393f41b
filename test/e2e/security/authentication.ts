import { describe, expect, it } from 'vitest';
import type { SignedInUser } from '../../support/users';
import { issueKey, sendRaw, sendSigned, signedRequest } from '../api-keys/support/signed-client';
import { attack } from './support/clients';
import { outcomeOf, record } from './support/report';
import { forgedTokens } from './support/tokens';

const CATEGORY = 'API2 Broken authentication';

/** API2: forged, expired and replayed credentials are refused with 401 in the envelope. */
export function authentication(users: () => { victim: SignedInUser }): void {
  describe(CATEGORY, () => {
    it('refuses a missing token and every forged variant of a real one', async () => {
      const forged = forgedTokens(users().victim.accessToken);
      const answers = await Promise.all([
        attack('GET', '/auth/profile').then((a) => ['no token', a] as const),
        ...Object.entries(forged).map(async ([name, token]) => {
          const answer = await attack('GET', '/auth/profile', { token });
          return [name, answer] as const;
        }),
      ]);

      for (const [name, answer] of answers) {
        record(CATEGORY, `JWT: ${name}`, '401', outcomeOf(answer), answer.status === 401);
      }
      expect(answers.map(([, a]) => a.status)).toEqual(answers.map(() => 401));
      expect(answers.map(([, a]) => a.body.error.code)).toEqual(
        answers.map(() => 'AUTHENTICATION_FAILED'),
      );
    });

    it('refuses replayed, skewed, re-signed and unknown API-key requests', async () => {
      const key = await issueKey(users().victim.accessToken, { label: 'a2', scopes: ['read'] });
      const once = signedRequest(key, 'GET', '/account/balances');
      await sendRaw('GET', '/account/balances', once.headers, undefined);
      const cases = {
        'API key: replayed signature': () =>
          sendRaw('GET', '/account/balances', once.headers, undefined),
        'API key: clock 10 s behind': () =>
          sendSigned(key, 'GET', '/account/balances', { timestamp: Date.now() - 10_000 }),
        'API key: clock 10 s ahead': () =>
          sendSigned(key, 'GET', '/account/balances', { timestamp: Date.now() + 10_000 }),
        'API key: wrong secret': () =>
          sendSigned({ ...key, api_secret: 'f'.repeat(64) }, 'GET', '/account/balances'),
        'API key: unknown key': () =>
          sendSigned({ ...key, api_key: `ak_${'Z'.repeat(32)}` }, 'GET', '/account/balances'),
      };

      const answers = [];
      for (const [name, send] of Object.entries(cases)) answers.push([name, await send()] as const);

      for (const [name, answer] of answers) {
        record(CATEGORY, name, '401', outcomeOf(answer), answer.status === 401);
      }
      expect(answers.map(([, a]) => a.status)).toEqual(answers.map(() => 401));
    });
  });
}
