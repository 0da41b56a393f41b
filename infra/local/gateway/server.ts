import type {
  APIGatewayProxyStructuredResultV2,
  APIGatewayRequestAuthorizerEventV2,
  Context,
} from 'aws-lambda';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { raceTimeout, TIMED_OUT } from '../../../shared/async/race-timeout';
import { readMailbox } from '../../../shared/mail/mailbox';
import { jsonError, jsonOk, type HttpResponse } from '../../../shared/http/response';
import type { HttpApiEvent } from '../../../shared/http/parse-request';
import { authorizer, routes, type RouteBinding } from '../../definitions/routes';
import { authorizerEvent, httpApiEvent, newRequestId, rawRequestOf } from './event';
import { createRouter, decodeSegment } from './router';

export interface GatewayOptions {
  readonly repoRoot: string;
  /** API Gateway refuses payloads over 10 MB; we refuse far earlier. */
  readonly maxBodyBytes: number;
  readonly corsOrigins: readonly string[];
  readonly mailboxDir: string | undefined;
  readonly log: (entry: Record<string, unknown>) => void;
  /** Take the client address from `X-Forwarded-For` when the peer is loopback (local only). */
  readonly trustForwardedFor?: boolean;
}

type LambdaHandler<E, R> = (event: E, context: Context) => Promise<R>;
type AuthorizerResult = { isAuthorized: boolean; context?: Record<string, unknown> };

const CORS_ALLOW_HEADERS =
  'authorization,content-type,x-api-key,x-api-timestamp,x-api-signature,x-api-recv-window,x-api-content-sha256';

function lambdaContext(name: string, requestId: string, timeoutMs: number): Context {
  const deadline = Date.now() + timeoutMs;
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName: name,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:local:000000000000:function:${name}`,
    memoryLimitInMB: '256',
    awsRequestId: requestId,
    logGroupName: `/aws/lambda/${name}`,
    logStreamName: 'local',
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

function readBody(request: IncomingMessage, limit: number): Promise<Buffer | 'too-large'> {
  return new Promise((done, fail) => {
    const declared = Number(request.headers['content-length'] ?? 0);
    if (declared > limit) {
      request.resume();
      done('too-large');
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        request.removeAllListeners('data');
        request.resume();
        done('too-large');
      } else chunks.push(chunk);
    });
    request.on('end', () => done(Buffer.concat(chunks)));
    request.on('error', fail);
  });
}

/** A Lambda's structured result as API Gateway turns it into an HTTP response. */
function normalise(result: unknown): HttpResponse {
  if (typeof result === 'object' && result !== null && 'statusCode' in result) {
    const r = result as APIGatewayProxyStructuredResultV2;
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(r.headers ?? {})) headers[k.toLowerCase()] = String(v);
    const body = r.isBase64Encoded ? Buffer.from(r.body ?? '', 'base64').toString() : r.body;
    return { statusCode: r.statusCode ?? 200, headers, body: body ?? '' };
  }
  return {
    statusCode: 200,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(result),
  };
}

/**
 * The local stand-in for API Gateway HTTP API: routes by the shared route table, builds the
 * payload 2.0 event, runs the same Lambda authorizer on `user` routes, invokes the same handler
 * modules, enforces a body limit, applies CORS, and answers unknown routes with the 404 envelope.
 */
export function createGateway(options: GatewayOptions): Server {
  const route = createRouter(routes);
  const modules = new Map<string, Promise<Record<string, unknown>>>();
  const load = <E, R>(entry: string): Promise<LambdaHandler<E, R>> => {
    if (!modules.has(entry)) {
      const url = pathToFileURL(resolve(options.repoRoot, entry)).href;
      modules.set(entry, import(url) as Promise<Record<string, unknown>>);
    }
    return modules.get(entry)!.then((module) => module['handler'] as LambdaHandler<E, R>);
  };

  async function invoke(binding: RouteBinding, event: HttpApiEvent): Promise<HttpResponse> {
    const requestId = event.requestContext.requestId;
    if (binding.auth === 'user') {
      const authorize = await load<APIGatewayRequestAuthorizerEventV2, AuthorizerResult>(
        authorizer.entry,
      );
      const verdict = await authorize(
        authorizerEvent(event),
        lambdaContext('authorizer', requestId, 5_000),
      );
      if (!verdict.isAuthorized) {
        return { statusCode: 403, headers: {}, body: JSON.stringify({ message: 'Forbidden' }) };
      }
      event.requestContext.authorizer = { lambda: verdict.context ?? {} };
    }
    const timeoutMs = (binding.timeoutSeconds ?? 10) * 1000;
    const handler = await load<HttpApiEvent, unknown>(binding.entry);
    const result = await raceTimeout(
      handler(event, lambdaContext(binding.entry, requestId, timeoutMs)),
      timeoutMs,
    );
    if (result === TIMED_OUT) {
      return jsonError(503, 'SERVICE_UNAVAILABLE', 'The request timed out', requestId);
    }
    return normalise(result);
  }

  async function localRoute(path: string, requestId: string): Promise<HttpResponse | undefined> {
    if (path === '/local/ready') return jsonOk({ ready: true }, requestId);
    const mailbox = /^\/local\/mailbox\/([^/]+)$/.exec(path);
    if (mailbox?.[1] && options.mailboxDir) {
      const messages = await readMailbox(options.mailboxDir, decodeSegment(mailbox[1]));
      return jsonOk({ messages }, requestId);
    }
    return undefined;
  }

  async function respond(request: IncomingMessage): Promise<HttpResponse> {
    const requestId = newRequestId();
    const body = await readBody(request, options.maxBodyBytes);
    if (body === 'too-large') {
      return jsonError(413, 'PAYLOAD_TOO_LARGE', 'The request body is too large', requestId);
    }
    const raw = rawRequestOf(request, body, options.trustForwardedFor ?? false);
    if (raw.method === 'OPTIONS') return { statusCode: 204, headers: {}, body: '' };
    if (raw.path.startsWith('/local/') && raw.method === 'GET') {
      const local = await localRoute(raw.path, requestId);
      if (local) return local;
    }
    const match = route(raw.method, raw.path);
    if (!match) {
      return jsonError(404, 'NOT_FOUND', `No route for ${raw.method} ${raw.path}`, requestId);
    }
    const event = httpApiEvent(raw, match.routeKey, requestId, match.params, undefined, new Date());
    return invoke(match.binding, event);
  }

  function corsHeaders(request: IncomingMessage): Record<string, string> {
    const origin = request.headers.origin;
    if (!origin || !options.corsOrigins.includes(origin)) return {};
    return {
      'access-control-allow-origin': origin,
      'access-control-allow-methods': 'GET,POST,PUT,PATCH,DELETE,OPTIONS',
      'access-control-allow-headers': CORS_ALLOW_HEADERS,
      'access-control-expose-headers':
        'x-request-id,x-ratelimit-limit,x-ratelimit-remaining,x-ratelimit-reset,retry-after',
      'access-control-max-age': '600',
      vary: 'origin',
    };
  }

  return createServer((request: IncomingMessage, response: ServerResponse) => {
    const started = performance.now();
    respond(request)
      .catch((error: unknown) => {
        options.log({ level: 'ERROR', message: 'gateway failure', error: String(error) });
        return jsonError(500, 'INTERNAL_ERROR', 'An internal error occurred', newRequestId());
      })
      .then((result) => {
        response.writeHead(result.statusCode, { ...result.headers, ...corsHeaders(request) });
        response.end(result.body);
        options.log({
          level: 'INFO',
          message: 'request',
          method: request.method,
          path: (request.url ?? '').split('?')[0],
          status: result.statusCode,
          ms: Math.round(performance.now() - started),
        });
      });
  });
}
