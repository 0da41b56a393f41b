import { describe, expect, it } from 'vitest';
import { authorizer, rateClassesOf, routes } from '../../../infra/definitions/routes';
import { apiContracts } from '../../../shared/contracts';
import { routeKey } from '../../../shared/contracts/route-contract';

const scoped = routes.filter((r) => r.scope !== undefined);
const keyOf = (r: { method: string; path: string }) => `${r.method} ${r.path}`;

describe('API-key scopes in the route table', () => {
  it('opens only user routes of orders and account reads to keys', () => {
    expect(scoped.every((r) => r.auth === 'user')).toBe(true);
    expect(scoped.every((r) => /^\/api\/(orders|account)/.test(r.path))).toBe(true);
  });

  it('keeps withdrawals, deposits, key management and every role-guarded route JWT-only', () => {
    const guarded = apiContracts.filter((c) => (c.groups ?? []).length > 0).map(routeKey);
    const closed = [
      'POST /api/account/withdraw',
      'POST /api/account/deposit',
      'POST /api/api-keys',
      'GET /api/api-keys',
      'DELETE /api/api-keys/{id}',
      ...guarded,
    ];

    expect(scoped.map(keyOf).filter((key) => closed.includes(key))).toEqual([]);
  });

  it('asks the trade scope for placing and cancelling, and read for everything else', () => {
    const trade = scoped
      .filter((r) => r.scope === 'trade')
      .map(keyOf)
      .sort();

    expect(trade).toEqual(['DELETE /api/orders/{id}', 'POST /api/orders']);
    expect(scoped.filter((r) => r.method === 'GET').every((r) => r.scope === 'read')).toBe(true);
  });
});

describe('rate classes in the route table', () => {
  it('names sign-in, sign-up, order entry, and the routes limited otherwise or not at all', () => {
    expect(JSON.parse(rateClassesOf(routes))).toMatchObject({
      'POST /api/auth/login': 'login',
      'POST /api/auth/register': 'register',
      'POST /api/orders': 'orders',
      'DELETE /api/orders/{id}': 'orders',
      'GET /api/health': 'none',
      'POST /api/exchange-keys/{id}/sign': 'none',
    });
  });

  it('lets every limited route count in the RateLimits table', () => {
    const limited = routes.filter((r) => r.rateClass !== 'none');
    const counting = ['count', 'readcount', 'write', 'readwrite'];

    expect(limited.filter((r) => !counting.includes(r.access.tables?.rateLimits ?? ''))).toEqual(
      [],
    );
  });

  it('gives the authorizer Decrypt on the API-key key only, bound to its purpose', () => {
    expect(authorizer.access.keys).toEqual({ apiKeys: ['Decrypt'] });
    expect(authorizer.access.kmsPurpose).toBe('platform-api-key');
  });
});
