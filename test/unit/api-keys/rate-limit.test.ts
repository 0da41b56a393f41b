import type { Context } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineRoute } from '../../../shared/contracts/route-contract';
import { apiHandler } from '../../../shared/http/api-handler';
import {
  rateLimitConfigFromEnv,
  takeRate,
  type RateCounter,
} from '../../../shared/http/rate-limit';
import type { RateLimiter } from '../../../shared/http/rate-limit-middleware';
import { createLogger } from '../../../shared/logging/logger';
import { httpEvent, traderContext } from '../../support/http-events';

const contract = defineRoute({
  method: 'POST',
  path: '/api/auth/login',
  summary: 'test',
  tags: [],
  auth: 'public',
  response: z.object({ ok: z.boolean() }),
  errors: [],
});
const userContract = { ...contract, path: '/api/orders', auth: 'user' as const };
const logger = createLogger('test');
logger.setLogLevel('SILENT');
const context = {} as Context;
const NOW = Date.parse('2026-11-24T08:00:30.000Z');

function memoryCounter(): RateCounter & { keys: string[] } {
  const counts = new Map<string, number>();
  const keys: string[] = [];
  return {
    keys,
    async increment(key) {
      keys.push(key);
      counts.set(key, (counts.get(key) ?? 0) + 1);
      return counts.get(key)!;
    },
  };
}

const limiter = (env: Record<string, string>, counter = memoryCounter()): RateLimiter => ({
  counter,
  config: rateLimitConfigFromEnv({
    RATE_CLASSES: JSON.stringify({
      'POST /api/auth/login': 'login',
      'POST /api/orders': 'orders',
    }),
    ...env,
  }),
  nowMs: () => NOW,
});

describe('rate-limit configuration', () => {
  it('overrides a class limit and window from RATE_LIMITS', () => {
    const config = rateLimitConfigFromEnv({ RATE_LIMITS: 'login=3/60' });

    expect(config.rules.login).toEqual({ limit: 3, windowSeconds: 60, per: 'ip' });
    expect(config.rules.register.limit).toBe(5);
  });

  it('fails loudly on a malformed entry or an unknown class', () => {
    expect(() => rateLimitConfigFromEnv({ RATE_LIMITS: 'login=many' })).toThrow(/RATE_LIMITS/);
    expect(() => rateLimitConfigFromEnv({ RATE_CLASSES: '{"GET /x":"vip"}' })).toThrow(
      /RATE_CLASSES/,
    );
  });
});

describe('takeRate', () => {
  it('counts per user on user classes and per hashed IP for anonymous callers', async () => {
    const counter = memoryCounter();
    const { config } = limiter({}, counter);
    const base = { routeKey: 'POST /api/orders', sourceIp: '203.0.113.7', nowMs: NOW };

    await takeRate(counter, config, { ...base, userId: 'user-1' });
    await takeRate(counter, config, { ...base, userId: undefined });

    expect(counter.keys[0]).toMatch(/^RL#orders#USER#user-1#/);
    expect(counter.keys[1]).toMatch(/^RL#orders#IP#[0-9a-f]{32}#/);
    expect(counter.keys[1]).not.toContain('203.0.113.7');
  });

  it('multiplies the limits of configured source addresses', async () => {
    const counter = memoryCounter();
    const { config } = limiter({ RATE_LIMIT_MULTIPLIERS: '127.0.0.1=1000' }, counter);

    const decision = await takeRate(counter, config, {
      routeKey: 'POST /api/auth/login',
      sourceIp: '127.0.0.1',
      userId: undefined,
      nowMs: NOW,
    });

    expect(decision).toMatchObject({ limit: 10_000, remaining: 9_999 });
  });
});

describe('rate-limit middleware', () => {
  it('stamps X-RateLimit headers on a success', async () => {
    const handler = apiHandler(contract, async () => ({ data: { ok: true } }), logger, limiter({}));

    const response = await handler(httpEvent({ method: 'POST', path: '/api/auth/login' }), context);

    expect(response.headers).toMatchObject({
      'x-ratelimit-limit': '10',
      'x-ratelimit-remaining': '9',
      'x-ratelimit-reset': String(3600 - 30),
    });
  });

  it('answers 429 with Retry-After over the limit, without running the route', async () => {
    let ran = 0;
    const handler = apiHandler(
      contract,
      async () => {
        ran += 1;
        return { data: { ok: true } };
      },
      logger,
      limiter({ RATE_LIMITS: 'login=2/60' }),
    );
    const event = () => httpEvent({ method: 'POST', path: '/api/auth/login' });

    await handler(event(), context);
    await handler(event(), context);
    const refused = await handler(event(), context);

    expect(ran).toBe(2);
    expect(refused.statusCode).toBe(429);
    expect(JSON.parse(refused.body).error).toMatchObject({
      code: 'RATE_LIMIT_EXCEEDED',
      details: { retry_after: 30 },
    });
    expect(refused.headers).toMatchObject({
      'retry-after': '30',
      'x-ratelimit-limit': '2',
      'x-ratelimit-remaining': '0',
    });
  });

  it('stamps the headers on error answers too', async () => {
    const handler = apiHandler(
      userContract,
      async () => ({ data: { ok: true } }),
      logger,
      limiter({}),
    );

    const response = await handler(httpEvent({ method: 'POST', path: '/api/orders' }), context);

    expect(response.statusCode).toBe(401);
    expect(response.headers['x-ratelimit-limit']).toBe('60');
  });

  it('counts a signed-in caller by user id', async () => {
    const counter = memoryCounter();
    const handler = apiHandler(
      userContract,
      async () => ({ data: { ok: true } }),
      logger,
      limiter({}, counter),
    );

    await handler(
      httpEvent({ method: 'POST', path: '/api/orders', authorizer: traderContext }),
      context,
    );

    expect(counter.keys[0]).toMatch(/^RL#orders#USER#user-1#/);
  });

  it('scales the order limit by the caller’s fee tier', async () => {
    const handler = apiHandler(
      userContract,
      async () => ({ data: { ok: true } }),
      logger,
      limiter({}),
    );

    const response = await handler(
      httpEvent({
        method: 'POST',
        path: '/api/orders',
        authorizer: { ...traderContext, fee_tier: '3' },
      }),
      context,
    );

    expect(response.headers['x-ratelimit-limit']).toBe('180');
  });

  it('keeps the headers a route set itself', async () => {
    const handler = apiHandler(
      contract,
      async () => ({ data: { ok: true }, headers: { 'x-ratelimit-limit': '1200' } }),
      logger,
      limiter({}),
    );

    const response = await handler(httpEvent({ method: 'POST', path: '/api/auth/login' }), context);

    expect(response.headers['x-ratelimit-limit']).toBe('1200');
  });

  it('lets requests through when the counter cannot be reached', async () => {
    const failing: RateCounter = {
      increment: async () => {
        throw new Error('table unavailable');
      },
    };
    const handler = apiHandler(
      contract,
      async () => ({ data: { ok: true } }),
      logger,
      limiter({}, Object.assign(memoryCounter(), failing)),
    );

    const response = await handler(httpEvent({ method: 'POST', path: '/api/auth/login' }), context);

    expect(response.statusCode).toBe(200);
    expect(response.headers['x-ratelimit-limit']).toBeUndefined();
  });
});
