import { keyList } from '../../infra/definitions/keys';
import { tableList } from '../../infra/definitions/tables';
import { describe, expect, it } from 'vitest';
import { call } from '../support/http';
import { localEnv } from '../support/local-stack';

const api = () => localEnv()['API_URL']!;
const root = () => api().replace(/\/api$/, '');

describe('GET /api/health through the gateway', () => {
  it('reports every dependency up', async () => {
    const { status, body } = await call(`${api()}/health`);

    expect(status).toBe(200);
    expect(body.success).toBe(true);
    expect(body.data.status).toBe('ok');
    for (const name of ['dynamodb', 'sqs', 'cognito', 'kms', 'matching']) {
      expect(body.data.dependencies[name], name).toMatchObject({ status: 'up' });
      expect(body.data.dependencies[name].latency_ms).toBeGreaterThanOrEqual(0);
    }
    expect(body.data.dependencies.dynamodb.detail).toBe(`${tableList.length} tables active`);
    expect(body.data.dependencies.kms.detail).toBe(`${keyList.length} keys enabled`);
  });

  it('carries the security headers and a request id', async () => {
    const response = await fetch(`${api()}/health`);

    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('x-frame-options')).toBe('DENY');
    expect(response.headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('x-request-id')).toMatch(/^[A-Za-z0-9_-]+=$/);
  });
});

describe('gateway routing and limits', () => {
  it('answers an unknown route with the 404 envelope', async () => {
    const { status, body, headers } = await call(`${api()}/nothing-here`);

    expect(status).toBe(404);
    expect(body).toMatchObject({ success: false, error: { code: 'NOT_FOUND' } });
    expect(body.error.request_id).toBe(headers.get('x-request-id'));
    expect(headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('answers a known path with another method as not found', async () => {
    const { status, body } = await call(`${api()}/health`, { method: 'DELETE' });

    expect(status).toBe(404);
    expect(body.error.code).toBe('NOT_FOUND');
  });

  it('answers a path parameter that is not valid percent-encoding as a validation error', async () => {
    const { status, body } = await call(`${api()}/markets/%E0%A4%A/ticker`);

    expect(status).toBe(400);
    expect(body.error).toMatchObject({ code: 'VALIDATION_ERROR' });
    expect(body.error.details.fields[0]).toMatchObject({ field: 'symbol', in: 'path' });
  });

  it('refuses a body over the gateway limit with 413', async () => {
    const { status, body } = await call(`${api()}/health`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ pad: 'x'.repeat(2 * 1024 * 1024) }),
    });

    expect(status).toBe(413);
    expect(body.error.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('allows a configured origin and ignores others', async () => {
    const preflight = await fetch(`${api()}/health`, {
      method: 'OPTIONS',
      headers: { origin: 'http://localhost:5173', 'access-control-request-method': 'GET' },
    });
    const foreign = await fetch(`${api()}/health`, { headers: { origin: 'https://evil.example' } });

    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    expect(foreign.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('GET /api/openapi.json', () => {
  it('documents the routes as OpenAPI 3.1', async () => {
    const { status, body: document } = await call(`${api()}/openapi.json`);

    expect(status).toBe(200);
    expect(document.openapi).toBe('3.1.0');
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining(['/api/health', '/api/openapi.json']),
    );
  });
});

describe('local mailbox', () => {
  it('answers an empty mailbox for an address that received nothing', async () => {
    const { status, body } = await call(
      `${root()}/local/mailbox/${encodeURIComponent('nobody@example.com')}`,
    );

    expect(status).toBe(200);
    expect(body).toEqual({ success: true, data: { messages: [] } });
  });
});
