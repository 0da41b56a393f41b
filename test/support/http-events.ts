import type { HttpApiEvent } from '../../shared/http/parse-request';

/** A minimal API Gateway HTTP API v2 event for handler and parser tests. */
export function httpEvent(
  overrides: {
    method?: string;
    path?: string;
    body?: string;
    headers?: Record<string, string>;
    query?: Record<string, string>;
    params?: Record<string, string>;
    authorizer?: Record<string, unknown>;
  } = {},
): HttpApiEvent {
  const method = overrides.method ?? 'GET';
  const path = overrides.path ?? '/api/test';
  return {
    version: '2.0',
    routeKey: `${method} ${path}`,
    rawPath: path,
    rawQueryString: '',
    headers: overrides.headers ?? {},
    ...(overrides.query ? { queryStringParameters: overrides.query } : {}),
    ...(overrides.params ? { pathParameters: overrides.params } : {}),
    ...(overrides.body === undefined ? {} : { body: overrides.body }),
    isBase64Encoded: false,
    requestContext: {
      accountId: '000000000000',
      apiId: 'test',
      domainName: 'test',
      domainPrefix: 'test',
      http: { method, path, protocol: 'HTTP/1.1', sourceIp: '203.0.113.7', userAgent: 'vitest' },
      requestId: 'req-1',
      routeKey: `${method} ${path}`,
      stage: '$default',
      time: '',
      timeEpoch: 0,
      ...(overrides.authorizer ? { authorizer: { lambda: overrides.authorizer } } : {}),
    },
  } as HttpApiEvent;
}

export const traderContext = {
  auth_type: 'jwt',
  user_id: 'user-1',
  groups: 'trader',
  scopes: 'read,trade',
};
