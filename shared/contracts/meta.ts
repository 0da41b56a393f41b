import { z } from 'zod';
import { isoTimestamp } from './common';
import { defineRoute } from './route-contract';

export const dependencyNames = ['dynamodb', 'sqs', 'cognito', 'kms', 'matching'] as const;
export type DependencyName = (typeof dependencyNames)[number];

export const dependencyHealthSchema = z.object({
  status: z.enum(['up', 'down']),
  latency_ms: z.number().int().nonnegative(),
  detail: z.string().optional(),
});

export const healthSchema = z.object({
  status: z.enum(['ok', 'degraded']),
  version: z.string(),
  checked_at: isoTimestamp,
  dependencies: z.object({
    dynamodb: dependencyHealthSchema,
    sqs: dependencyHealthSchema,
    cognito: dependencyHealthSchema,
    kms: dependencyHealthSchema,
    matching: dependencyHealthSchema,
  }),
});
export type Health = z.infer<typeof healthSchema>;

export const healthRoute = defineRoute({
  method: 'GET',
  path: '/api/health',
  summary: 'Health of the API and each dependency, with latency',
  tags: ['meta'],
  auth: 'public',
  response: healthSchema,
  errors: ['SERVICE_UNAVAILABLE'],
});

export const openApiRoute = defineRoute({
  method: 'GET',
  path: '/api/openapi.json',
  summary: 'This API as an OpenAPI 3.1 document, generated from the route contracts',
  tags: ['meta'],
  auth: 'public',
  response: z.record(z.string(), z.unknown()),
  errors: [],
  envelope: false,
});
