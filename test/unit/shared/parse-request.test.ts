import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineRoute } from '../../../shared/contracts/route-contract';
import {
  AuthenticationError,
  PayloadTooLargeError,
  PermissionDeniedError,
  UnsupportedMediaTypeError,
  ValidationError,
} from '../../../shared/domain/errors';
import { parseRequest } from '../../../shared/http/parse-request';
import { httpEvent, traderContext } from '../../support/http-events';

const contract = defineRoute({
  method: 'POST',
  path: '/api/things/{id}',
  summary: 'test',
  tags: [],
  auth: 'user',
  body: z.strictObject({ name: z.string().min(1), amount: z.string().regex(/^\d+$/) }),
  query: z.strictObject({ limit: z.coerce.number().int().max(100).optional() }),
  params: z.strictObject({ id: z.uuid() }),
  response: z.object({}),
  errors: [],
  maxBodyBytes: 64,
});

const json = { 'content-type': 'application/json' };
const id = '6f1c1f3e-8a55-4c57-9d3a-3a4f3c1b2a10';

function fieldsOf(run: () => unknown) {
  try {
    run();
  } catch (error) {
    if (error instanceof ValidationError) return error.fields;
    throw error;
  }
  throw new Error('expected a ValidationError');
}

describe('parseRequest', () => {
  it('returns typed body, query, params and the identity of a valid request', () => {
    // Arrange
    const event = httpEvent({
      method: 'POST',
      body: '{"name":"a","amount":"5"}',
      headers: json,
      query: { limit: '10' },
      params: { id },
      authorizer: traderContext,
    });
    // Act
    const request = parseRequest(contract, event);
    // Assert
    expect(request.body).toEqual({ name: 'a', amount: '5' });
    expect(request.query).toEqual({ limit: 10 });
    expect(request.params).toEqual({ id });
    expect(request.identity.userId).toBe('user-1');
    expect(request.sourceIp).toBe('203.0.113.7');
  });

  it('lists every offending field of body, query and path at once', () => {
    const event = httpEvent({
      body: '{"name":"","amount":"1.5","admin":true}',
      headers: json,
      query: { limit: '1000' },
      params: { id: 'nope' },
      authorizer: traderContext,
    });

    const fields = fieldsOf(() => parseRequest(contract, event));

    expect(fields.map((f) => `${f.in}:${f.field}`).sort()).toEqual([
      'body:admin',
      'body:amount',
      'body:name',
      'path:id',
      'query:limit',
    ]);
  });

  it('reports malformed JSON as a body validation error', () => {
    const event = httpEvent({
      body: '{"name":',
      headers: json,
      params: { id },
      authorizer: traderContext,
    });

    expect(fieldsOf(() => parseRequest(contract, event))).toEqual([
      { field: '(body)', in: 'body', message: 'Malformed JSON' },
    ]);
  });

  it('refuses a body over the route limit', () => {
    const event = httpEvent({
      body: JSON.stringify({ name: 'x'.repeat(100), amount: '1' }),
      headers: json,
      params: { id },
      authorizer: traderContext,
    });

    expect(() => parseRequest(contract, event)).toThrow(PayloadTooLargeError);
  });

  it('refuses a body that is not JSON', () => {
    const event = httpEvent({
      body: 'name=a',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      params: { id },
      authorizer: traderContext,
    });

    expect(() => parseRequest(contract, event)).toThrow(UnsupportedMediaTypeError);
  });

  it('refuses an anonymous caller before looking at the body', () => {
    const event = httpEvent({ body: 'garbage', headers: json, params: { id } });

    expect(() => parseRequest(contract, event)).toThrow(AuthenticationError);
  });

  it('refuses a caller outside the required groups', () => {
    const adminOnly = defineRoute({ ...contract, groups: ['admin'] });
    const event = httpEvent({
      body: '{}',
      headers: json,
      params: { id },
      authorizer: traderContext,
    });

    expect(() => parseRequest(adminOnly, event)).toThrow(PermissionDeniedError);
  });
});
