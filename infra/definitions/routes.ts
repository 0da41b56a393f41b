import { API_KEY_KMS_PURPOSE, type ApiKeyScope } from '../../shared/api-keys/api-key-items';
import type { RateClass } from '../../shared/http/rate-limit';
import type { keys } from './keys';
import type { queues } from './queues';
import type { tables } from './tables';
import { apiKeyRoutes } from './route-bindings/api-keys';
import { identityRoutes } from './route-bindings/identity';
import { auditRoutes } from './route-bindings/audit';
import { marketDataRoutes } from './route-bindings/market-data';
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
 * no DeleteItem and no read beyond the heads; `readappend` adds `read` to it. `count` is
 * UpdateItem alone: the rate limiter's atomic counters, which need neither read nor delete;
 * `readcount` adds `read` to it.
 */
export type TableAccess =
  'describe' | 'read' | 'write' | 'readwrite' | 'append' | 'readappend' | 'count' | 'readcount';
/** A DynamoDB data-plane action, for {@link Access.tableActions}. */
export type TableAction =
  | 'BatchGetItem'
  | 'BatchWriteItem'
  | 'ConditionCheckItem'
  | 'DeleteItem'
  | 'DescribeTable'
  | 'GetItem'
  | 'PutItem'
  | 'Query'
  | 'Scan'
  | 'UpdateItem';
export type QueueAccess = 'send' | 'describe';
export type KmsAction = 'DescribeKey' | 'GenerateDataKey' | 'Decrypt' | 'Sign' | 'GetPublicKey';

export interface Access {
  readonly tables?: Partial<Record<keyof typeof tables, TableAccess>>;
  /**
   * Exactly these actions on a table, for a grantee that no level fits: the matching engine
   * writes without ever deleting or scanning. `Query` and `Scan` among them also apply to each
   * named index. A table is named here or in `tables`, never in both.
   */
  readonly tableActions?: Partial<Record<keyof typeof tables, readonly TableAction[]>>;
  readonly queues?: Partial<Record<keyof typeof queues, QueueAccess>>;
  /** The same access to every matching shard's command queue (placing routes by symbol). */
  readonly commandQueues?: QueueAccess;
  /** cognito-idp actions on the user pool, e.g. `DescribeUserPool`, `AdminDisableUser`. */
  readonly userPool?: readonly string[];
  readonly keys?: Partial<Record<keyof typeof keys, readonly KmsAction[]>>;
  /** Extra `kms:EncryptionContext:purpose` the key actions are restricted to. */
  readonly kmsPurpose?: string;
  /**
   * Per-key purposes, for a function that uses two keys for different purposes (creating an API
   * key: the MFA key for the step-up code, the API-key key for the secret); wins over
   * `kmsPurpose` for the keys it names.
   */
  readonly kmsPurposes?: Partial<Record<keyof typeof keys, string>>;
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
  /** `public` skips the authorizer; `user` runs it (a session's JWT or a signed API key). */
  readonly auth: 'public' | 'user';
  readonly access: Access;
  readonly timeoutSeconds?: number;
  /**
   * The API-key scope a `user` route needs; without one, only a signed-in session (JWT) may
   * call it — withdrawals, key management, admin routes never take an API key.
   */
  readonly scope?: ApiKeyScope;
  /** The rate-limit class (`shared/http/rate-limit.ts`); `default` when absent. */
  readonly rateClass?: RateClass;
}

/**
 * Every rate-limited route may count in the RateLimits table (`count`: UpdateItem only), and
 * learns its name from `RATE_LIMITS_TABLE`. A route that declares its own access to the table
 * keeps it, and must then declare a level that can count (`write`, `readwrite`, `readcount`).
 */
const withRateLimitAccess = (binding: RouteBinding): RouteBinding =>
  binding.rateClass === 'none' || binding.access.tables?.rateLimits !== undefined
    ? binding
    : {
        ...binding,
        access: { ...binding.access, tables: { ...binding.access.tables, rateLimits: 'count' } },
      };

/**
 * The whole route table, one file per context under `route-bindings/`. A context adds its
 * routes there; the CDK API stack and the local gateway pick them up from here.
 */
export const routes: readonly RouteBinding[] = [
  ...apiKeyRoutes,
  ...metaRoutes,
  ...vaultRoutes,
  ...identityRoutes,
  ...auditRoutes,
  ...tradingRoutes,
  ...marketDataRoutes,
].map(withRateLimitAccess);

/**
 * The route classes of the table, for `RATE_CLASSES` (route key → class; `default` omitted):
 * the CDK stack and the local gateway hand it to every handler's rate limiter.
 */
export const rateClassesOf = (bindings: readonly RouteBinding[]): string =>
  JSON.stringify(
    Object.fromEntries(
      bindings
        .filter((b) => b.rateClass !== undefined && b.rateClass !== 'default')
        .map((b) => [`${b.method} ${b.path}`, b.rateClass]),
    ),
  );

/**
 * The Lambda REQUEST authorizer every `user` route runs; see README "Authentication". It reads
 * sessions, profiles and API keys (Users), opens API-key secrets (`Decrypt` on the API-key key,
 * bound to its purpose) and writes the signature replay cache and keys' last use (RateLimits).
 */
export const authorizer = {
  entry: 'functions/authorizer/authorizer.handler.ts',
  access: {
    userPool: [],
    tables: { users: 'read', rateLimits: 'write' },
    keys: { apiKeys: ['Decrypt'] },
    kmsPurpose: API_KEY_KMS_PURPOSE,
  } satisfies Access,
} as const;
