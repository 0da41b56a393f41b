import { z } from 'zod';
import type { ErrorCode } from '../domain/errors';
import { errorEnvelopeSchema, successEnvelope } from './common';
import type { RouteContract } from './route-contract';

type JsonSchema = Record<string, unknown>;

const ALWAYS: readonly ErrorCode[] = ['VALIDATION_ERROR', 'INTERNAL_ERROR'];
const STATUS: Readonly<Record<ErrorCode, string>> = {
  VALIDATION_ERROR: '400',
  AUTHENTICATION_FAILED: '401',
  PERMISSION_DENIED: '403',
  NOT_FOUND: '404',
  METHOD_NOT_ALLOWED: '405',
  CONFLICT: '409',
  PAYLOAD_TOO_LARGE: '413',
  UNSUPPORTED_MEDIA_TYPE: '415',
  INSUFFICIENT_BALANCE: '422',
  RATE_LIMIT_EXCEEDED: '429',
  INTERNAL_ERROR: '500',
  SERVICE_UNAVAILABLE: '503',
};

const jsonSchema = (schema: z.ZodType, io: 'input' | 'output'): JsonSchema => {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' });
  return rest;
};

function parameters(schema: z.ZodType | undefined, location: 'query' | 'path'): JsonSchema[] {
  if (schema === undefined) return [];
  const object = jsonSchema(schema, 'input') as {
    properties?: Record<string, JsonSchema>;
    required?: string[];
  };
  return Object.entries(object.properties ?? {}).map(([name, property]) => ({
    name,
    in: location,
    required: location === 'path' || (object.required ?? []).includes(name),
    schema: property,
    ...(typeof property['description'] === 'string'
      ? { description: property['description'] }
      : {}),
  }));
}

function errorCodes(route: RouteContract): ErrorCode[] {
  const codes = new Set<ErrorCode>([...ALWAYS, ...route.errors]);
  if (route.auth === 'user') codes.add('AUTHENTICATION_FAILED');
  if (route.groups !== undefined) codes.add('PERMISSION_DENIED');
  if (route.body !== undefined) {
    codes.add('PAYLOAD_TOO_LARGE');
    codes.add('UNSUPPORTED_MEDIA_TYPE');
  }
  return [...codes];
}

function operation(route: RouteContract): JsonSchema {
  const success = route.envelope === false ? route.response : successEnvelope(route.response);
  const responses: Record<string, JsonSchema> = {
    [String(route.successStatus ?? 200)]: {
      description: 'Success',
      content: { 'application/json': { schema: jsonSchema(success, 'output') } },
    },
  };
  for (const code of errorCodes(route)) {
    const status = STATUS[code];
    const existing = responses[status];
    responses[status] = {
      description: existing ? `${String(existing['description'])}, ${code}` : code,
      content: { 'application/json': { schema: { $ref: '#/components/schemas/ErrorEnvelope' } } },
    };
  }
  return {
    summary: route.summary,
    tags: [...route.tags],
    operationId: `${route.method.toLowerCase()}${route.path.replace(/[^A-Za-z0-9]+(.)?/g, (_m, c: string | undefined) => (c ?? '').toUpperCase())}`,
    ...(route.auth === 'user' ? { security: [{ bearer: [] }] } : { security: [] }),
    ...(route.groups ? { 'x-required-groups': [...route.groups] } : {}),
    parameters: [...parameters(route.params, 'path'), ...parameters(route.query, 'query')],
    ...(route.body
      ? {
          requestBody: {
            required: true,
            content: { 'application/json': { schema: jsonSchema(route.body, 'input') } },
          },
        }
      : {}),
    responses,
  };
}

/** The OpenAPI 3.1 document of the API, generated from the route contracts. */
export function buildOpenApiDocument(
  contracts: readonly RouteContract[],
  info: { title: string; version: string },
): JsonSchema {
  const paths: Record<string, Record<string, JsonSchema>> = {};
  for (const route of contracts) {
    paths[route.path] = { ...paths[route.path], [route.method.toLowerCase()]: operation(route) };
  }
  return {
    openapi: '3.1.0',
    info: {
      ...info,
      description:
        'Amounts and prices are decimal strings; timestamps ISO-8601 UTC; errors use the envelope.',
    },
    paths,
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
      schemas: { ErrorEnvelope: jsonSchema(errorEnvelopeSchema, 'output') },
    },
  };
}
