import type { z } from 'zod';
import type { ErrorCode } from '../domain/errors';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * Who may call a route: `public` needs nothing; `user` needs a verified identity (JWT today,
 * a signed API key later), optionally in one of `groups`.
 */
export type RouteAuth = 'public' | 'user';

/**
 * The contract of one HTTP route: what it accepts and answers. The handler parses with these
 * schemas, the OpenAPI document is generated from them, and the route table binds them to code.
 */
export interface RouteContract {
  readonly method: HttpMethod;
  /** Path template as API Gateway writes it, e.g. `/api/orders/{id}`. */
  readonly path: string;
  readonly summary: string;
  readonly tags: readonly string[];
  readonly auth: RouteAuth;
  /** Cognito groups of which the caller must be in at least one (403 otherwise). */
  readonly groups?: readonly string[];
  readonly body?: z.ZodType;
  readonly query?: z.ZodType;
  readonly params?: z.ZodType;
  /** Schema of `data` in the success envelope. */
  readonly response: z.ZodType;
  readonly successStatus?: number;
  /** Error codes this route can answer, besides the ones every route can. */
  readonly errors: readonly ErrorCode[];
  /** Largest accepted body in bytes; default 16 KiB. */
  readonly maxBodyBytes?: number;
  /** `false` answers `data` bare instead of in the envelope (documents such as OpenAPI). */
  readonly envelope?: false;
}

/** Identity helper that keeps the literal types of a contract. */
export const defineRoute = <const C extends RouteContract>(contract: C): C => contract;

/** `GET /api/x/{id}` — the key both API Gateway and our route table use. */
export const routeKey = (route: { method: HttpMethod; path: string }): string =>
  `${route.method} ${route.path}`;
