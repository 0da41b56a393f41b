import { createHash } from 'node:crypto';
import { RateLimitExceededError } from '../domain/errors';

/**
 * Route classes of the rate limiter. A route declares its class in the route table
 * (`rateClass`, default `default`); `none` is for the health check, which only describes, and
 * the vault's signing route, which keeps its own limit per key.
 */
export const rateClasses = ['login', 'register', 'orders', 'market', 'default', 'none'] as const;
export type RateClass = (typeof rateClasses)[number];

/** A fixed window: at most `limit` requests per `windowSeconds`, counted per user or per IP. */
export interface RateRule {
  readonly limit: number;
  readonly windowSeconds: number;
  /** `user` counts a signed-in caller by user id, and anonymous callers by IP. */
  readonly per: 'ip' | 'user';
  /** The limit is per fee tier: a tier-3 account may send three times as many. */
  readonly byFeeTier?: true;
}

/**
 * The documented limits; `RATE_LIMITS` overrides any of them (`login=10/3600,orders=60/60`).
 * Order entry is 60 a minute per fee tier: tier 1 places 60, tier 5 places 300.
 */
export const DEFAULT_RATE_RULES: Readonly<Record<Exclude<RateClass, 'none'>, RateRule>> = {
  login: { limit: 10, windowSeconds: 3600, per: 'ip' },
  register: { limit: 5, windowSeconds: 3600, per: 'ip' },
  orders: { limit: 60, windowSeconds: 60, per: 'user', byFeeTier: true },
  market: { limit: 1200, windowSeconds: 60, per: 'ip' },
  default: { limit: 600, windowSeconds: 60, per: 'user' },
};

/** Counts one request in a window and answers the count so far (atomically, across callers). */
export interface RateCounter {
  increment(key: string, expiresAtSeconds: number): Promise<number>;
}

/** How the limiter is configured: from the environment once per cold start. */
export interface RateLimitConfig {
  readonly rules: Readonly<Record<Exclude<RateClass, 'none'>, RateRule>>;
  /** Route key (`POST /api/auth/login`) → class; unlisted routes are `default`. */
  readonly classes: Readonly<Record<string, RateClass>>;
  /** Source IP → factor its limits are multiplied by (the local stack's own loopback). */
  readonly multipliers: Readonly<Record<string, number>>;
}

const isRateClass = (value: unknown): value is RateClass =>
  typeof value === 'string' && (rateClasses as readonly string[]).includes(value);

/**
 * Reads `RATE_LIMITS` (`class=limit/windowSeconds,…`), `RATE_CLASSES` (JSON: route key →
 * class; the CDK stack and the local gateway set it from the route table) and
 * `RATE_LIMIT_MULTIPLIERS` (`ip=factor,…`). Malformed entries fail loudly at cold start.
 */
export function rateLimitConfigFromEnv(env: NodeJS.ProcessEnv): RateLimitConfig {
  const rules = { ...DEFAULT_RATE_RULES };
  for (const entry of (env['RATE_LIMITS'] ?? '').split(',').filter((e) => e.trim() !== '')) {
    const match = /^\s*([a-z]+)=(\d+)\/(\d+)\s*$/.exec(entry);
    const name = match?.[1];
    if (!match || !isRateClass(name) || name === 'none') {
      throw new Error(`RATE_LIMITS: malformed entry "${entry}"`);
    }
    rules[name] = { ...rules[name], limit: Number(match[2]), windowSeconds: Number(match[3]) };
  }
  const classes: Record<string, RateClass> = {};
  const declared = JSON.parse(env['RATE_CLASSES'] ?? '{}') as Record<string, unknown>;
  for (const [route, name] of Object.entries(declared)) {
    if (!isRateClass(name)) throw new Error(`RATE_CLASSES: unknown class for ${route}`);
    classes[route] = name;
  }
  const multipliers: Record<string, number> = {};
  for (const entry of (env['RATE_LIMIT_MULTIPLIERS'] ?? '').split(',').filter(Boolean)) {
    const at = entry.lastIndexOf('=');
    const factor = Number(entry.slice(at + 1));
    if (at <= 0 || !Number.isInteger(factor) || factor < 1) {
      throw new Error(`RATE_LIMIT_MULTIPLIERS: malformed entry "${entry}"`);
    }
    multipliers[entry.slice(0, at).trim()] = factor;
  }
  return { rules, classes, multipliers };
}

/** The outcome of counting one request: what the `X-RateLimit-*` headers say. */
export interface RateDecision {
  readonly limit: number;
  readonly remaining: number;
  /** Seconds until the window ends and the count starts again. */
  readonly resetSeconds: number;
  readonly exceeded: boolean;
}

const tierOf = (tier: number | undefined): number =>
  tier !== undefined && Number.isInteger(tier) && tier >= 1 && tier <= 5 ? tier : 1;

const digest = (value: string): string =>
  createHash('sha256').update(value).digest('hex').slice(0, 32);

/**
 * Counts a request in its class's current fixed window — keyed by the class, the user (or the
 * IP's hash) and the window's start — and decides. The counter is one atomic `ADD`, so
 * concurrent requests never both see the last free slot.
 */
export async function takeRate(
  counter: RateCounter,
  config: RateLimitConfig,
  request: {
    routeKey: string;
    sourceIp: string;
    userId: string | undefined;
    /** The caller's fee tier (1–5) when signed in; tier 1 otherwise. */
    feeTier?: number | undefined;
    nowMs: number;
  },
): Promise<RateDecision | undefined> {
  const name = config.classes[request.routeKey] ?? 'default';
  if (name === 'none') return undefined;
  const rule = config.rules[name];
  const tier = rule.byFeeTier && request.userId !== undefined ? tierOf(request.feeTier) : 1;
  const limit = rule.limit * tier * (config.multipliers[request.sourceIp] ?? 1);
  const windowMs = rule.windowSeconds * 1000;
  const start = Math.floor(request.nowMs / windowMs) * windowMs;
  const who =
    rule.per === 'user' && request.userId !== undefined
      ? `USER#${request.userId}`
      : `IP#${digest(request.sourceIp)}`;
  const end = start + windowMs;
  const count = await counter.increment(`RL#${name}#${who}#${start}`, Math.ceil(end / 1000) + 60);
  return {
    limit,
    remaining: Math.max(0, limit - count),
    resetSeconds: Math.max(1, Math.ceil((end - request.nowMs) / 1000)),
    exceeded: count > limit,
  };
}

/** The `X-RateLimit-*` headers of a decision. */
export const rateHeaders = (decision: RateDecision): Record<string, string> => ({
  'x-ratelimit-limit': String(decision.limit),
  'x-ratelimit-remaining': String(decision.remaining),
  'x-ratelimit-reset': String(decision.resetSeconds),
});

/** The 429 a decision over the limit answers (with `Retry-After` from the error mapping). */
export const rateLimitError = (decision: RateDecision): RateLimitExceededError =>
  new RateLimitExceededError('Too many requests; slow down', decision.resetSeconds);
