import { DomainError, RateLimitExceededError, type ErrorCode } from '../domain/errors';
import { jsonError, type HttpResponse } from './response';

/** The one table from error code to HTTP status. */
export const statusOf: Readonly<Record<ErrorCode, number>> = {
  VALIDATION_ERROR: 400,
  AUTHENTICATION_FAILED: 401,
  PERMISSION_DENIED: 403,
  NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  INSUFFICIENT_BALANCE: 422,
  RATE_LIMIT_EXCEEDED: 429,
  INTERNAL_ERROR: 500,
  SERVICE_UNAVAILABLE: 503,
};

/**
 * Maps any thrown value to the error envelope. Domain errors keep their code and client-safe
 * message; a timeout is `SERVICE_UNAVAILABLE`; anything else becomes `INTERNAL_ERROR` with no
 * internals (the caller logs it).
 */
export function errorToResponse(error: unknown, requestId: string): HttpResponse {
  if (error instanceof DomainError) {
    const headers: Record<string, string> =
      error instanceof RateLimitExceededError
        ? { 'retry-after': String(error.retryAfterSeconds) }
        : {};
    return jsonError(
      statusOf[error.code],
      error.code,
      error.message,
      requestId,
      error.details,
      headers,
    );
  }
  if (isTimeout(error)) {
    return jsonError(503, 'SERVICE_UNAVAILABLE', 'The request timed out', requestId);
  }
  return jsonError(500, 'INTERNAL_ERROR', 'An internal error occurred', requestId);
}

/**
 * middy's `TimeoutError`, raised just before the function's deadline: the work may or may not
 * have happened (an order placement is idempotent by `client_order_id`), so it is a 503 to
 * retry, as API Gateway answers when a Lambda times out, not an internal error.
 */
const isTimeout = (error: unknown): boolean =>
  error instanceof Error && error.name === 'TimeoutError';
