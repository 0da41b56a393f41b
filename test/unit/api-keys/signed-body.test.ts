import type { Context } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { bodySha256 } from '../../../shared/api-keys/signing';
import { defineRoute } from '../../../shared/contracts/route-contract';
import { apiHandler } from '../../../shared/http/api-handler';
import { createLogger } from '../../../shared/logging/logger';
import { httpEvent } from '../../support/http-events';

const contract = defineRoute({
  method: 'POST',
  path: '/api/orders',
  summary: 'test',
  tags: [],
  auth: 'user',
  body: z.strictObject({ symbol: z.string() }),
  response: z.object({ ok: z.boolean() }),
  errors: [],
});
const logger = createLogger('test');
logger.setLogLevel('SILENT');
const handler = apiHandler(contract, async () => ({ data: { ok: true } }), logger, null);
const context = {} as Context;
const body = JSON.stringify({ symbol: 'BTCUSDT' });
const keyCaller = {
  auth_type: 'api_key',
  user_id: 'user-1',
  groups: '',
  scopes: 'read,trade',
  api_key_id: 'key-1',
};
const post = (authorizer: Record<string, unknown>, sent = body) =>
  handler(
    httpEvent({
      method: 'POST',
      path: '/api/orders',
      body: sent,
      headers: { 'content-type': 'application/json' },
      authorizer,
    }),
    context,
  );

describe('signed requests in the handler layer', () => {
  it('accepts a body that hashes to the signed X-API-Content-SHA256', async () => {
    const response = await post({ ...keyCaller, body_sha256: bodySha256(body) });

    expect(response.statusCode).toBe(200);
  });

  it('refuses a body other than the one signed', async () => {
    const response = await post(
      { ...keyCaller, body_sha256: bodySha256(body) },
      JSON.stringify({ symbol: 'ETHUSDT' }),
    );

    expect(response.statusCode).toBe(401);
    expect(JSON.parse(response.body).error.details).toEqual({ reason: 'BODY_HASH_MISMATCH' });
  });

  it('refuses a key context that carries no body hash', async () => {
    const response = await post(keyCaller);

    expect(response.statusCode).toBe(401);
  });

  it('answers a skewed clock with its own reason and the server time', async () => {
    const response = await post({
      auth_type: 'none',
      reason: 'timestamp_out_of_window',
      server_time: '1764000000000',
    });

    expect(response.statusCode).toBe(401);
    expect(JSON.parse(response.body).error.details).toEqual({
      reason: 'TIMESTAMP_OUT_OF_WINDOW',
      server_time: 1764000000000,
    });
  });

  it('answers a bad signature with a distinct reason', async () => {
    const response = await post({ auth_type: 'none', reason: 'invalid_signature' });

    expect(JSON.parse(response.body).error).toMatchObject({
      code: 'AUTHENTICATION_FAILED',
      details: { reason: 'INVALID_SIGNATURE' },
    });
  });

  it('answers 403 for a key used beyond its scopes or outside its allowlist', async () => {
    const scope = await post({ auth_type: 'none', reason: 'scope_denied' });
    const ip = await post({ auth_type: 'none', reason: 'ip_not_allowed' });

    expect([scope.statusCode, ip.statusCode]).toEqual([403, 403]);
  });
});
