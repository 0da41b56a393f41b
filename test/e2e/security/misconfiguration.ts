import { describe, expect, it } from 'vitest';
import type { ApiAnswer } from '../../support/http';
import type { SignedInUser } from '../../support/users';
import { attack } from './support/clients';
import { outcomeOf, record } from './support/report';

const CATEGORY = 'API8 Security misconfiguration';

const required = {
  'strict-transport-security': /max-age=\d+/,
  'x-content-type-options': /^nosniff$/,
  'x-frame-options': /^DENY$/,
  'content-security-policy': /default-src 'none'/,
  'referrer-policy': /^no-referrer$/,
  'cache-control': /no-store/,
  'x-request-id': /.+/,
};

const missingHeaders = (answer: ApiAnswer): string[] =>
  Object.entries(required)
    .filter(([name, pattern]) => !pattern.test(answer.headers.get(name) ?? ''))
    .map(([name]) => name);

/** API8: security headers everywhere, CORS only for configured origins, no internals. */
export function misconfiguration(users: () => { victim: SignedInUser }): void {
  describe(CATEGORY, () => {
    it('sends the security headers on successes, errors and unknown routes', async () => {
      const answers: [string, ApiAnswer][] = [
        ['GET /time (200)', await attack('GET', '/time')],
        ['GET /auth/profile without a token (401)', await attack('GET', '/auth/profile')],
        ['GET /no/such/route (404)', await attack('GET', '/no/such/route')],
        [
          'a signed-in read',
          await attack('GET', '/account/balances', { token: users().victim.accessToken }),
        ],
      ];

      for (const [name, answer] of answers) {
        const missing = missingHeaders(answer);
        record(
          CATEGORY,
          `security headers on ${name}`,
          'all present',
          missing.length === 0 ? 'all present' : `missing ${missing.join(', ')}`,
          missing.length === 0,
        );
      }
      expect(answers.map(([, a]) => missingHeaders(a))).toEqual(answers.map(() => []));
      expect(answers[3]?.[1].headers.get('x-ratelimit-limit')).not.toBeNull();
    });

    it('allows only configured origins', async () => {
      const allowed = await attack('GET', '/time', {
        headers: { origin: 'http://127.0.0.1:5173' },
      });
      const foreign = await attack('GET', '/time', { headers: { origin: 'https://evil.example' } });

      const foreignOrigin = foreign.headers.get('access-control-allow-origin');
      record(
        CATEGORY,
        'CORS from https://evil.example',
        'no Allow-Origin',
        foreignOrigin ?? 'no Allow-Origin',
        foreignOrigin === null,
      );
      expect(allowed.headers.get('access-control-allow-origin')).toBe('http://127.0.0.1:5173');
      expect(foreignOrigin).toBeNull();
    });

    it('refuses non-JSON bodies and answers malformed JSON without internals', async () => {
      const form = await attack('POST', '/auth/login', {
        body: 'email=a&password=b',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
      const malformed = await attack('POST', '/auth/login', { body: '{"email":' });
      const text = JSON.stringify(malformed.body);

      record(CATEGORY, 'form-encoded body', '415', outcomeOf(form), form.status === 415);
      record(
        CATEGORY,
        'malformed JSON',
        '400 without a stack',
        outcomeOf(malformed),
        malformed.status === 400 && !/\bat \S+:\d+|node_modules|SyntaxError/.test(text),
      );
      expect(form.status).toBe(415);
      expect(malformed.status).toBe(400);
      expect(text).not.toMatch(/\bat \S+:\d+|node_modules|SyntaxError/);
      expect(malformed.headers.get('x-powered-by')).toBeNull();
    });
  });
}
