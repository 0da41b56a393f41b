import type { keys } from './keys';
import type { queues } from './queues';
import type { tables } from './tables';
import { identityRoutes } from './route-bindings/identity';
import { auditRoutes } from './route-bindings/audit';
import { metaRoutes } from './route-bindings/meta';
import { tradingRoutes } from './route-bindings/trading';
import { vaultRoutes } from './route-bindings/vault';

/**
 * The HTTP route table: one entry per route, bound to the Lambda handler that serves it and the
 * AWS access that handler needs. The CDK API stack builds one function per entry with exactly
 * this access; the local gateway routes to the same handler modules. Contracts (schemas, docs)
 * live in `shared/contracts/`; this file only binds them to code and permissions.
 */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * `describe` is metadata only; `read` and `write` include it. `append` is the audit trail's
 * write-only level: PutItem of new records and the conditional UpdateItem of chain heads, with
 * no DeleteItem and no read beyond the heads; `readappend` adds `read` to it.
 */
export type TableAccess = 'describe' | 'read' | 'write' | 'readwrite' | 'append' | 'readappend';
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
  /**
   * Restricts `Decrypt` further to these `kms:EncryptionContext:key_id` values: the vault's
   * create and rotate unwrap its fingerprint pepper and must not unwrap any credential.
   */
  readonly kmsDecryptKeyIds?: readonly string[];
  /**
   * `send`: the function mails notices through SES v2 — grant `ses:SendEmail` (and
   * `ses:SendRawEmail`) on the sender identity and set `MAIL_FROM` to its address. Locally the
   * notices go to the mailbox instead (`LOCAL_MAILBOX_DIR`).
   */
  readonly mail?: 'send';
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

/**
 * The whole route table, one file per context under `route-bindings/`. A context adds its
 * routes there; the CDK API stack and the local gateway pick them up from here.
 */
export const routes: readonly RouteBinding[] = [
  ...metaRoutes,
  ...vaultRoutes,
  ...identityRoutes,
  ...auditRoutes,
  ...tradingRoutes,
];

/** The Lambda REQUEST authorizer every `user` route runs; see README "Authentication". */
export const authorizer = {
  entry: 'functions/authorizer/authorizer.handler.ts',
  access: { userPool: [], tables: { users: 'read' } } satisfies Access,
} as const;
