import type { keys } from './keys';
import type { queues } from './queues';
import type { tables } from './tables';

/**
 * The HTTP route table: one entry per route, bound to the Lambda handler that serves it and the
 * AWS access that handler needs. The CDK API stack builds one function per entry with exactly
 * this access; the local gateway routes to the same handler modules. Contracts (schemas, docs)
 * live in `shared/contracts/`; this file only binds them to code and permissions.
 */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** `describe` is metadata only; `read` and `write` include it. */
export type TableAccess = 'describe' | 'read' | 'write' | 'readwrite';
export type QueueAccess = 'send' | 'describe';
export type KmsAction = 'DescribeKey' | 'GenerateDataKey' | 'Decrypt' | 'Sign' | 'GetPublicKey';

export interface Access {
  readonly tables?: Partial<Record<keyof typeof tables, TableAccess>>;
  readonly queues?: Partial<Record<keyof typeof queues, QueueAccess>>;
  /** cognito-idp actions on the user pool, e.g. `DescribeUserPool`, `AdminDisableUser`. */
  readonly userPool?: readonly string[];
  readonly keys?: Partial<Record<keyof typeof keys, readonly KmsAction[]>>;
  /** Extra `kms:EncryptionContext:purpose` the key actions are restricted to. */
  readonly kmsPurpose?: string;
}

export interface RouteBinding {
  readonly method: HttpMethod;
  /** Path template as API Gateway writes it: `/api/orders/{id}`. */
  readonly path: string;
  /** Handler module, relative to the repository root; it exports `handler`. */
  readonly entry: string;
  /** `public` skips the authorizer; `user` runs it (JWT today, signed API keys later). */
  readonly auth: 'public' | 'user';
  readonly access: Access;
  readonly timeoutSeconds?: number;
}

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
  },
  queues: { orders: 'describe', ordersDeadLetter: 'describe' },
  userPool: ['DescribeUserPool'],
  keys: { vault: ['DescribeKey'], auditSigning: ['DescribeKey'] },
} as const satisfies Access;

export const routes: readonly RouteBinding[] = [
  {
    method: 'GET',
    path: '/api/health',
    entry: 'functions/meta/health.handler.ts',
    auth: 'public',
    access: describeAll,
    timeoutSeconds: 10,
  },
  {
    method: 'GET',
    path: '/api/openapi.json',
    entry: 'functions/meta/openapi.handler.ts',
    auth: 'public',
    access: {},
  },
];

/** The Lambda REQUEST authorizer every `user` route runs; see README "Authentication". */
export const authorizer = {
  entry: 'functions/authorizer/authorizer.handler.ts',
  access: { userPool: [] } satisfies Access,
} as const;
