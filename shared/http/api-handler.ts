import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import type { z } from 'zod';
import type { RouteContract } from '../contracts/route-contract';
import { DomainError } from '../domain/errors';
import type { Logger } from '../logging/logger';
import { errorToResponse } from './error-mapping';
import { parseRequest, type ApiRequest, type HttpApiEvent } from './parse-request';
import { rateLimiterFromEnv, rateLimitMiddleware, type RateLimiter } from './rate-limit-middleware';
import { jsonOk, type HttpResponse } from './response';

/** What a route function returns: the `data` of the envelope, and optionally status/headers. */
export interface RouteResult<C extends RouteContract> {
  readonly data: z.input<C['response']>;
  readonly status?: number;
  readonly headers?: Record<string, string>;
}

/** The unwrapped route: a plain async function, testable with in-memory fakes. */
export type Route<C extends RouteContract> = (request: ApiRequest<C>) => Promise<RouteResult<C>>;

/**
 * Wraps a route into the Lambda handler API Gateway calls: rate limit → parse → route →
 * envelope. Every error, typed or not, becomes the error envelope in one place; unknown errors
 * are logged with their stack and answered as INTERNAL_ERROR without internals. The limiter
 * defaults to the one configured by the environment (see `rate-limit-middleware.ts`).
 */
export function apiHandler<C extends RouteContract>(
  contract: C,
  route: Route<C>,
  logger: Logger,
  limiter: RateLimiter | null = rateLimiterFromEnv(),
): middy.MiddyfiedHandler<HttpApiEvent, HttpResponse, Error, Context> {
  return middy<HttpApiEvent, HttpResponse, Error, Context>()
    .use(rateLimitMiddleware(limiter, logger))
    .use({
      onError: async (request) => {
        const requestId = request.event.requestContext.requestId;
        const { error } = request;
        if (error instanceof DomainError) {
          logger.info('request refused', { requestId, code: error.code });
        } else {
          logger.error('request failed', { requestId, error });
        }
        request.response = errorToResponse(error, requestId);
      },
    })
    .handler(async (event) => {
      const request = parseRequest(contract, event);
      const result = await route(request);
      if (contract.envelope === false) {
        const response = jsonOk(null, request.requestId, result.status ?? 200, result.headers);
        return { ...response, body: JSON.stringify(result.data) };
      }
      return jsonOk(
        result.data,
        request.requestId,
        result.status ?? contract.successStatus ?? 200,
        result.headers,
      );
    });
}
