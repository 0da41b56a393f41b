import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { ErrorCode } from '../domain/errors';

/**
 * Headers on every response, success or error, from a handler or from the gateway itself.
 * The API serves JSON to apps, never documents: nothing may be framed, sniffed or cached.
 */
export const securityHeaders: Readonly<Record<string, string>> = {
  'content-type': 'application/json; charset=utf-8',
  'strict-transport-security': 'max-age=63072000; includeSubDomains; preload',
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
  'referrer-policy': 'no-referrer',
  'cross-origin-resource-policy': 'same-origin',
  'permissions-policy': 'geolocation=(), camera=(), microphone=()',
  'cache-control': 'no-store',
};

export type HttpResponse = APIGatewayProxyStructuredResultV2 & {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
};

/** The success envelope `{ success: true, data }`. */
export function jsonOk(
  data: unknown,
  requestId: string,
  statusCode = 200,
  headers: Record<string, string> = {},
): HttpResponse {
  return {
    statusCode,
    headers: { ...securityHeaders, 'x-request-id': requestId, ...headers },
    body: JSON.stringify({ success: true, data }),
  };
}

/** The error envelope `{ success: false, error: { code, message, request_id, details? } }`. */
export function jsonError(
  statusCode: number,
  code: ErrorCode,
  message: string,
  requestId: string,
  details?: Readonly<Record<string, unknown>>,
  headers: Record<string, string> = {},
): HttpResponse {
  return {
    statusCode,
    headers: { ...securityHeaders, 'x-request-id': requestId, ...headers },
    body: JSON.stringify({
      success: false,
      error: {
        code,
        message,
        request_id: requestId,
        ...(details === undefined ? {} : { details }),
      },
    }),
  };
}
