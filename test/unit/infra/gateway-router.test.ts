import { describe, expect, it } from 'vitest';
import type { RouteBinding } from '../../../infra/definitions/routes';
import { createRouter } from '../../../infra/local/gateway/router';

const binding = (method: RouteBinding['method'], path: string): RouteBinding => ({
  method,
  path,
  entry: `functions/x/${path}.ts`,
  auth: 'public',
  access: {},
});

describe('gateway router', () => {
  const route = createRouter([
    binding('GET', '/api/orders/{id}'),
    binding('GET', '/api/orders/active'),
    binding('DELETE', '/api/orders/{id}'),
  ]);

  it('extracts decoded path parameters', () => {
    expect(route('GET', '/api/orders/ab%20c')).toMatchObject({
      params: { id: 'ab c' },
      routeKey: 'GET /api/orders/{id}',
    });
  });

  it('passes a parameter that is not valid percent-encoding through as sent', () => {
    expect(route('GET', '/api/orders/%E0%A4%A')).toMatchObject({
      params: { id: '%E0%A4%A' },
      routeKey: 'GET /api/orders/{id}',
    });
  });

  it('prefers a literal segment over a parameter', () => {
    expect(route('GET', '/api/orders/active')?.routeKey).toBe('GET /api/orders/active');
  });

  it('matches on the method too', () => {
    expect(route('DELETE', '/api/orders/1')?.routeKey).toBe('DELETE /api/orders/{id}');
    expect(route('PUT', '/api/orders/1')).toBeUndefined();
  });

  it('does not match a longer path', () => {
    expect(route('GET', '/api/orders/1/fills')).toBeUndefined();
  });
});
