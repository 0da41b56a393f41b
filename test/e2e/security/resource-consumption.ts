import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { ApiAnswer } from '../../support/http';
import type { SignedInUser } from '../../support/users';
import { attack, freshIp } from './support/clients';
import { outcomeOf, record } from './support/report';

const CATEGORY = 'API4 Unrestricted resource consumption';

const login = (ip: string) =>
  attack('POST', '/auth/login', {
    ip,
    body: JSON.stringify({
      email: `nobody-${randomUUID()}@example.com`,
      password: 'Wrong-pass-123',
    }),
  });

const register = (ip: string) =>
  attack('POST', '/auth/register', {
    ip,
    body: JSON.stringify({
      email: `flood-${randomUUID()}@example.com`,
      password: `Pw-${randomUUID()}`,
    }),
  });

/** Sends `count` requests one after another and answers them in order. */
async function burst(count: number, send: () => Promise<ApiAnswer>): Promise<ApiAnswer[]> {
  const answers: ApiAnswer[] = [];
  for (let i = 0; i < count; i += 1) answers.push(await send());
  return answers;
}

/** API4: payload size, page size and the per-IP limits of sign-in and sign-up. */
export function resourceConsumption(users: () => { victim: SignedInUser }): void {
  describe(CATEGORY, () => {
    it('refuses oversized bodies and oversized pages', async () => {
      const big = JSON.stringify({ email: 'a@example.com', password: 'x'.repeat(20_000) });
      const huge = 'x'.repeat(2 * 1024 * 1024);
      const cases: [string, string, ApiAnswer][] = [
        [
          '20 KB body to POST /auth/login',
          '413',
          await attack('POST', '/auth/login', { body: big }),
        ],
        ['2 MB body at the gateway', '413', await attack('POST', '/auth/login', { body: huge })],
        [
          'limit=1000 on GET /orders',
          '400',
          await attack('GET', '/orders?limit=1000', { token: users().victim.accessToken }),
        ],
      ];

      for (const [name, expected, answer] of cases) {
        record(CATEGORY, name, expected, outcomeOf(answer), String(answer.status) === expected);
      }
      expect(cases.map(([, , a]) => a.status)).toEqual([413, 413, 400]);
    });

    it('limits sign-in attempts to 10 an hour per IP, with the headers before it bites', async () => {
      const answers = await burst(11, () => login(freshIpFor.login));

      const last = answers.at(-1)!;
      record(
        CATEGORY,
        '11 sign-ins from one IP in an hour',
        '429 on the 11th',
        outcomeOf(last),
        last.status === 429,
      );
      expect(answers[0]?.headers.get('x-ratelimit-limit')).toBe('10');
      expect(answers[9]?.headers.get('x-ratelimit-remaining')).toBe('0');
      expect(answers.slice(0, 10).every((a) => a.status === 401)).toBe(true);
      expect(last.status).toBe(429);
      expect(Number(last.headers.get('retry-after'))).toBeGreaterThan(0);
    });

    it('limits sign-ups to 5 an hour per IP', async () => {
      const answers = await burst(6, () => register(freshIpFor.register));

      const last = answers.at(-1)!;
      record(
        CATEGORY,
        '6 sign-ups from one IP in an hour',
        '429 on the 6th',
        outcomeOf(last),
        last.status === 429,
      );
      expect(answers.slice(0, 5).map((a) => a.status)).toEqual([201, 201, 201, 201, 201]);
      expect(last.status).toBe(429);
      expect(last.body.error.details.retry_after).toBeGreaterThan(0);
    });
  });
}

/** One fresh address per limit, so each test starts with an empty window. */
const freshIpFor = { login: freshIp(), register: freshIp() };
