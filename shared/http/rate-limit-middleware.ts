import type middy from '@middy/core';
import type { Context } from 'aws-lambda';
import { createAwsClients } from '../aws/clients';
import { dynamoRateCounter } from '../aws/dynamo-rate-counter';
import type { Logger } from '../logging/logger';
import { identityFromContext } from './identity';
import type { HttpApiEvent } from './parse-request';
import {
  rateHeaders,
  rateLimitConfigFromEnv,
  rateLimitError,
  takeRate,
  type RateCounter,
  type RateDecision,
  type RateLimitConfig,
} from './rate-limit';
import type { HttpResponse } from './response';

/** A counter and its configuration; absent where no RateLimits table is configured. */
export interface RateLimiter {
  readonly counter: RateCounter;
  readonly config: RateLimitConfig;
  readonly nowMs: () => number;
}

let fromEnv: RateLimiter | null | undefined;

/**
 * The limiter every handler shares, built once per cold start from the environment: the
 * RateLimits table (`RATE_LIMITS_TABLE`, granted to every rate-limited route) and the limits.
 * Without the table (unit tests calling handlers) requests are not counted.
 */
export function rateLimiterFromEnv(env: NodeJS.ProcessEnv = process.env): RateLimiter | null {
  if (fromEnv !== undefined) return fromEnv;
  const table = env['RATE_LIMITS_TABLE'];
  fromEnv =
    table === undefined || table === ''
      ? null
      : {
          counter: dynamoRateCounter(createAwsClients().documents, table),
          config: rateLimitConfigFromEnv(env),
          nowMs: Date.now,
        };
  return fromEnv;
}

type Request = middy.Request<HttpApiEvent, HttpResponse, Error, Context>;

/**
 * Counts each request before the route runs and answers `429 RATE_LIMIT_EXCEEDED` (with
 * `Retry-After`) over the limit; every response, success or error, then carries
 * `X-RateLimit-Limit`, `-Remaining` and `-Reset` — unless the route set its own (the vault's
 * per-key signing budget). A counter that cannot be reached lets the request through: the
 * limiter protects capacity, and an outage of it must not take the API down.
 */
export function rateLimitMiddleware(
  limiter: RateLimiter | null,
  logger: Logger,
): middy.MiddlewareObj<HttpApiEvent, HttpResponse, Error, Context> {
  const decisions = new WeakMap<Request, RateDecision>();
  const stamp = (request: Request) => {
    const decision = decisions.get(request);
    const response = request.response;
    if (decision === undefined || response === null || response === undefined) return;
    if (response.headers['x-ratelimit-limit'] !== undefined) return;
    response.headers = { ...response.headers, ...rateHeaders(decision) };
  };
  return {
    before: async (request) => {
      if (limiter === null) return;
      const { event } = request;
      const context = event.requestContext.authorizer?.lambda;
      const outcome = identityFromContext(context);
      let decision: RateDecision | undefined;
      try {
        decision = await takeRate(limiter.counter, limiter.config, {
          routeKey: event.routeKey,
          sourceIp: event.requestContext.http.sourceIp,
          userId: 'identity' in outcome ? outcome.identity.userId : undefined,
          feeTier: Number(context?.['fee_tier'] ?? 1),
          nowMs: limiter.nowMs(),
        });
      } catch (error) {
        logger.warn('rate limiter unavailable', { error });
        return;
      }
      if (decision === undefined) return;
      decisions.set(request, decision);
      if (decision.exceeded) throw rateLimitError(decision);
    },
    after: async (request) => stamp(request),
    onError: async (request) => stamp(request),
  };
}
