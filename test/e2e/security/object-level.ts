import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { routes } from '../../../infra/definitions/routes';
import type { ApiAnswer } from '../../support/http';
import type { SignedInUser } from '../../support/users';
import { issueKey, sendAs } from '../api-keys/support/signed-client';
import { attack } from './support/clients';
import { outcomeOf, record } from './support/report';

const CATEGORY = 'API1 Broken object-level authorization';
const alphanumeric = (n: number) =>
  randomBytes(n)
    .toString('base64')
    .replace(/[^A-Za-z0-9]/g, 'a')
    .slice(0, n);

/** Every `user` route that takes a resource id, and how user B attacks user A's resource. */
const attacks: Readonly<Record<string, (ids: Ids) => [string, string, string?]>> = {
  'GET /api/orders/{id}': (ids) => ['GET', `/orders/${ids.order}`],
  'DELETE /api/orders/{id}': (ids) => ['DELETE', `/orders/${ids.order}`],
  'GET /api/exchange-keys/{id}': (ids) => ['GET', `/exchange-keys/${ids.exchangeKey}`],
  'PUT /api/exchange-keys/{id}': (ids) => [
    'PUT',
    `/exchange-keys/${ids.exchangeKey}`,
    JSON.stringify({ label: 'mine now' }),
  ],
  'DELETE /api/exchange-keys/{id}': (ids) => ['DELETE', `/exchange-keys/${ids.exchangeKey}`],
  'POST /api/exchange-keys/{id}/sign': (ids) => [
    'POST',
    `/exchange-keys/${ids.exchangeKey}/sign`,
    JSON.stringify({ payload: 'timestamp=1' }),
  ],
  'DELETE /api/users/me/sessions/{id}': (ids) => ['DELETE', `/users/me/sessions/${ids.session}`],
  'DELETE /api/api-keys/{id}': (ids) => ['DELETE', `/api-keys/${ids.apiKey}`],
};

interface Ids {
  order: string;
  exchangeKey: string;
  session: string;
  apiKey: string;
}

/** User A's resources, created through the API. */
async function resourcesOf(owner: SignedInUser): Promise<Ids> {
  await sendAs(owner.accessToken, 'POST', '/account/deposit', { asset: 'USDT', amount: '100' });
  const order = await sendAs(owner.accessToken, 'POST', '/orders', {
    symbol: 'BTCUSDT',
    side: 'BUY',
    type: 'LIMIT',
    price: '20000',
    quantity: '0.001',
  });
  const exchangeKey = await sendAs(owner.accessToken, 'POST', '/exchange-keys', {
    exchange: 'binance',
    label: 'victim',
    api_key: alphanumeric(64),
    api_secret: alphanumeric(64),
  });
  const apiKey = await issueKey(owner.accessToken, { label: 'victim', scopes: ['read'] });
  const sessions = await sendAs(owner.accessToken, 'GET', '/users/me/sessions');
  const items = sessions.body.data.items as { id: string; current: boolean }[];
  return {
    order: order.body.data.id as string,
    exchangeKey: exchangeKey.body.data.id as string,
    session: items.find((s) => s.current)?.id ?? '',
    apiKey: apiKey.id,
  };
}

/** API1: another user's resource is 404 on every route that takes an id — never 200 or 403. */
export function objectLevel(users: () => { victim: SignedInUser; attacker: SignedInUser }): void {
  describe(CATEGORY, () => {
    it('covers every user route that takes an id', () => {
      const idRoutes = routes
        .filter(
          (r) => r.auth === 'user' && r.path.includes('{id}') && !/\/(admin|audit)\//.test(r.path),
        )
        .map((r) => `${r.method} ${r.path}`);

      expect(idRoutes.filter((key) => attacks[key] === undefined)).toEqual([]);
    });

    it("answers 404 for another user's resource on every such route", async () => {
      const { victim, attacker } = users();
      const ids = await resourcesOf(victim);

      const answers: [string, ApiAnswer][] = [];
      for (const [routeKey, build] of Object.entries(attacks)) {
        const [method, path, body] = build(ids);
        answers.push([
          routeKey,
          await attack(method, path, { token: attacker.accessToken, ...(body ? { body } : {}) }),
        ]);
      }
      const still = await sendAs(victim.accessToken, 'GET', `/orders/${ids.order}`);

      for (const [routeKey, answer] of answers) {
        record(
          CATEGORY,
          `${routeKey} with another user's id`,
          '404',
          outcomeOf(answer),
          answer.status === 404,
        );
      }
      expect(answers.map(([key, a]) => [key, a.status])).toEqual(
        answers.map(([key]) => [key, 404]),
      );
      expect(still.status).toBe(200);
    });
  });
}
