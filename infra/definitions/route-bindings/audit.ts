import type { Access, RouteBinding } from '../routes';

/**
 * The audit routes: reads of the trail, each of which also appends its own `audit.*` record
 * (`readappend`: read, plus append-only writes; never DeleteItem). Only verify and export read
 * the public key; only export and checkpoint creation may `Sign`. No route changes a record.
 */
const reading = { tables: { audit: 'readappend' } } as const satisfies Access;

const verifying = {
  tables: { audit: 'readappend' },
  keys: { auditSigning: ['GetPublicKey'] },
} as const satisfies Access;

const signing = {
  tables: { audit: 'readappend' },
  keys: { auditSigning: ['GetPublicKey', 'Sign'] },
} as const satisfies Access;

const entry = (name: string): string => `functions/audit/${name}.handler.ts`;

export const auditRoutes: readonly RouteBinding[] = [
  {
    method: 'GET',
    path: '/api/audit/events',
    entry: entry('list-events'),
    auth: 'user',
    access: reading,
  },
  {
    method: 'GET',
    path: '/api/audit/events/{id}',
    entry: entry('get-event'),
    auth: 'user',
    access: reading,
  },
  {
    method: 'GET',
    path: '/api/audit/verify',
    entry: entry('verify'),
    auth: 'user',
    access: verifying,
    timeoutSeconds: 29,
  },
  {
    method: 'GET',
    path: '/api/audit/export',
    entry: entry('export'),
    auth: 'user',
    access: signing,
    timeoutSeconds: 29,
  },
  {
    method: 'GET',
    path: '/api/audit/checkpoints',
    entry: entry('list-checkpoints'),
    auth: 'user',
    access: verifying,
  },
  {
    method: 'POST',
    path: '/api/audit/checkpoints',
    entry: entry('create-checkpoint'),
    auth: 'user',
    access: signing,
  },
];

/**
 * The scheduled checkpoint function (not an HTTP route): reads the chain heads, signs them and
 * stores the checkpoint in the table and, in AWS, in the Object Lock bucket.
 */
export const auditCheckpointFunction = {
  entry: 'functions/audit/scheduled-checkpoint.handler.ts',
  access: {
    tables: { audit: 'readappend' },
    keys: { auditSigning: ['GetPublicKey', 'Sign'] },
  } satisfies Access,
  /** The schedule, as an EventBridge rate expression's minutes. */
  everyMinutes: 10,
} as const;
