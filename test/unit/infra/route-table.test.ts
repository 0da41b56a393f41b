import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { authorizer, routes } from '../../../infra/definitions/routes';
import { apiContracts } from '../../../shared/contracts';
import { buildOpenApiDocument } from '../../../shared/contracts/openapi';
import { routeKey } from '../../../shared/contracts/route-contract';

describe('route table', () => {
  it('binds every contract to exactly one handler and nothing else', () => {
    const bound = routes.map(routeKey).sort();
    const contracted = apiContracts.map(routeKey).sort();

    expect(bound).toEqual(contracted);
    expect(new Set(bound).size).toBe(bound.length);
  });

  it('agrees with each contract on who may call it', () => {
    for (const binding of routes) {
      const contract = apiContracts.find((c) => routeKey(c) === routeKey(binding));
      expect(contract?.auth, routeKey(binding)).toBe(binding.auth);
    }
  });

  it('points every route and the authorizer at a handler file that exists', () => {
    for (const entry of [...routes.map((r) => r.entry), authorizer.entry]) {
      expect(existsSync(entry), entry).toBe(true);
    }
  });
});

describe('OpenAPI document', () => {
  const document = buildOpenApiDocument(apiContracts, { title: 'Exchange API', version: 'test' });
  const paths = document['paths'] as Record<string, Record<string, Record<string, unknown>>>;

  it('documents every route with its responses', () => {
    for (const contract of apiContracts) {
      const operation = paths[contract.path]?.[contract.method.toLowerCase()];
      expect(operation, routeKey(contract)).toBeDefined();
      const success = String(contract.successStatus ?? 200);
      expect(Object.keys(operation?.['responses'] as object)).toContain(success);
    }
  });

  it('documents the error envelope for every route', () => {
    const health = paths['/api/health']?.['get']?.['responses'] as Record<string, unknown>;

    expect(health['500']).toMatchObject({
      content: { 'application/json': { schema: { $ref: '#/components/schemas/ErrorEnvelope' } } },
    });
    expect(document['openapi']).toBe('3.1.0');
  });
});
