import { describe, expect, it } from 'vitest';
import { routes } from '../../../infra/definitions/routes';
import type { ApiAnswer } from '../../support/http';
import { attack, fillPath } from './support/clients';
import { outcomeOf, record } from './support/report';

const CATEGORY = 'API9 Improper inventory management';
const NO_ROUTE = /^No route for /;

/** API9: what runs is what is documented — no more, no less. */
export function inventory(): void {
  describe(CATEGORY, () => {
    it('documents exactly the routes the gateway serves', async () => {
      const document = await attack('GET', '/openapi.json');
      const paths = document.body.paths as Record<string, Record<string, unknown>>;
      const documented = Object.entries(paths)
        .flatMap(([path, operations]) =>
          Object.keys(operations).map((m) => `${m.toUpperCase()} ${path}`),
        )
        .sort();
      const served = routes.map((r) => `${r.method} ${r.path}`).sort();

      const same = JSON.stringify(documented) === JSON.stringify(served);
      record(
        CATEGORY,
        'openapi.json against the route table',
        'identical',
        same ? 'identical' : 'differs',
        same,
      );
      expect(documented).toEqual(served);
    });

    it('serves every documented route and nothing undocumented', async () => {
      const answers: [string, ApiAnswer][] = [];
      for (const route of routes) {
        answers.push([
          `${route.method} ${route.path}`,
          await attack(route.method, fillPath(route.path).replace(/^\/api/, '')),
        ]);
      }
      const undocumented: [string, ApiAnswer][] = [
        ['GET /api/admin/debug', await attack('GET', '/admin/debug')],
        ['PATCH /api/orders', await attack('PATCH', '/orders')],
        ['GET /api/internal/config', await attack('GET', '/internal/config')],
      ];

      const unserved = answers.filter(([, a]) => NO_ROUTE.test(a.body?.error?.message ?? ''));
      record(
        CATEGORY,
        `each of the ${answers.length} documented routes`,
        'reaches its handler',
        unserved.length === 0 ? 'all reached' : `${unserved.length} unserved`,
        unserved.length === 0,
      );
      for (const [name, answer] of undocumented) {
        record(CATEGORY, `undocumented ${name}`, '404', outcomeOf(answer), answer.status === 404);
      }
      expect(unserved.map(([name]) => name)).toEqual([]);
      expect(undocumented.map(([, a]) => a.status)).toEqual([404, 404, 404]);
    });
  });
}
