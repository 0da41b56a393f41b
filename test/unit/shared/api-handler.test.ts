import type { Context } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineRoute } from '../../../shared/contracts/route-contract';
import { InsufficientBalanceError, RateLimitExceededError } from '../../../shared/domain/errors';
import { apiHandler } from '../../../shared/http/api-handler';
import { createLogger } from '../../../shared/logging/logger';
import { httpEvent } from '../../support/http-events';

const contract = defineRoute({
  method: 'GET',
  path: '/api/test',
  summary: 'test',
  tags: [],
  auth: 'public',
  response: z.object({ value: z.string() }),
  errors: [],
});
const logger = createLogger('test');
logger.setLogLevel('SILENT');
const context = {} as Context;

describe('apiHandler', () => {
  it('wraps the route result in the success envelope with security headers', async () => {
    const handler = apiHandler(contract, async () => ({ data: { value: 'x' } }), logger);

    const response = await handler(httpEvent(), context);

    expect(response.statusCode).toBe(200);
    expect(JSON.parse(response.body)).toEqual({ success: true, data: { value: 'x' } });
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['strict-transport-security']).toMatch(/max-age=/);
    expect(response.headers['x-request-id']).toBe('req-1');
  });

  it('maps a domain error to its status and code', async () => {
    const handler = apiHandler(
      contract,
      async () => {
        throw new InsufficientBalanceError('not enough USDT available');
      },
      logger,
    );

    const response = await handler(httpEvent(), context);

    expect(response.statusCode).toBe(422);
    expect(JSON.parse(response.body)).toEqual({
      success: false,
      error: {
        code: 'INSUFFICIENT_BALANCE',
        message: 'not enough USDT available',
        request_id: 'req-1',
      },
    });
  });

  it('answers a rate limit with retry_after and Retry-After', async () => {
    const handler = apiHandler(
      contract,
      async () => {
        throw new RateLimitExceededError('slow down', 7);
      },
      logger,
    );

    const response = await handler(httpEvent(), context);

    expect(response.statusCode).toBe(429);
    expect(response.headers['retry-after']).toBe('7');
    expect(JSON.parse(response.body).error.details).toEqual({ retry_after: 7 });
  });

  it('answers 503 to retry when the function runs out of time', async () => {
    const handler = apiHandler(
      contract,
      async () => {
        throw Object.assign(new Error('[AbortError]: The operation was aborted.'), {
          name: 'TimeoutError',
        });
      },
      logger,
    );

    const response = await handler(httpEvent(), context);

    expect(response.statusCode).toBe(503);
    expect(JSON.parse(response.body).error).toMatchObject({
      code: 'SERVICE_UNAVAILABLE',
      message: 'The request timed out',
    });
  });

  it('hides the internals of an unexpected error', async () => {
    const handler = apiHandler(
      contract,
      async () => {
        throw new Error('connect ECONNREFUSED 10.0.0.1:5432 at Socket.secret');
      },
      logger,
    );

    const response = await handler(httpEvent(), context);

    expect(response.statusCode).toBe(500);
    expect(response.body).not.toMatch(/ECONNREFUSED|Socket|stack/);
    expect(JSON.parse(response.body).error.code).toBe('INTERNAL_ERROR');
  });

  it('answers a validation failure with 400 and the fields', async () => {
    const withQuery = defineRoute({ ...contract, query: z.strictObject({ n: z.coerce.number() }) });
    const handler = apiHandler(withQuery, async () => ({ data: { value: 'x' } }), logger);

    const response = await handler(httpEvent({ query: { n: 'abc' } }), context);

    expect(response.statusCode).toBe(400);
    expect(JSON.parse(response.body).error.details.fields[0]).toMatchObject({
      field: 'n',
      in: 'query',
    });
  });
});
