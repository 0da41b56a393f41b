import type { Access, RouteBinding } from '../routes';

/** Every resource of every kind, for routes that report on all of them (health). */
const describeAll = {
  tables: {
    users: 'describe',
    vault: 'describe',
    trading: 'describe',
    journal: 'read',
    marketData: 'describe',
    audit: 'describe',
    rateLimits: 'describe',
    streams: 'describe',
  },
  queues: { ordersDeadLetter: 'describe' },
  commandQueues: 'describe',
  userPool: ['DescribeUserPool'],
  keys: {
    vault: ['DescribeKey'],
    auditSigning: ['DescribeKey'],
    mfa: ['DescribeKey'],
    apiKeys: ['DescribeKey'],
  },
} as const satisfies Access;

export const metaRoutes: readonly RouteBinding[] = [
  {
    method: 'GET',
    path: '/api/health',
    entry: 'functions/meta/health.handler.ts',
    auth: 'public',
    access: describeAll,
    timeoutSeconds: 10,
    rateClass: 'none',
  },
  {
    method: 'GET',
    path: '/api/openapi.json',
    entry: 'functions/meta/openapi.handler.ts',
    auth: 'public',
    access: {},
  },
  {
    method: 'GET',
    path: '/api/time',
    entry: 'functions/meta/time.handler.ts',
    auth: 'public',
    access: {},
  },
];
