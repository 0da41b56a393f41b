import type { APIGatewayRequestAuthorizerEventV2 } from 'aws-lambda';
import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { isIP } from 'node:net';
import type { HttpApiEvent } from '../../../shared/http/parse-request';

export interface RawRequest {
  readonly method: string;
  readonly path: string;
  readonly rawQueryString: string;
  readonly headers: Record<string, string>;
  readonly cookies: string[];
  readonly sourceIp: string;
  readonly body: Buffer;
}

/** API Gateway request ids look like `Xy1AbCdEfGhIjKw=`; ours have the same shape. */
export const newRequestId = (): string => `${randomBytes(11).toString('base64url')}=`;

const LOOPBACK = new Set(['127.0.0.1', '::1']);

/**
 * The client address: the peer's, or — when `trustForwardedFor` and the peer is loopback — the
 * last address of `X-Forwarded-For`, as a trusted proxy in front would have appended it. Only
 * the local stand-in does this (so tests can act from many addresses); API Gateway sets
 * `sourceIp` itself, and nothing in a handler ever reads `X-Forwarded-For`.
 */
function sourceIpOf(request: IncomingMessage, trustForwardedFor: boolean): string {
  const peer = (request.socket.remoteAddress ?? '127.0.0.1').replace(/^::ffff:/, '');
  const forwarded = request.headers['x-forwarded-for'];
  if (!trustForwardedFor || !LOOPBACK.has(peer) || typeof forwarded !== 'string') return peer;
  const last = forwarded.split(',').at(-1)?.trim() ?? '';
  return isIP(last) === 0 ? peer : last;
}

/** Reads method, path, query, headers (lower-cased, repeats joined by commas) and source IP. */
export function rawRequestOf(
  request: IncomingMessage,
  body: Buffer,
  trustForwardedFor = false,
): RawRequest {
  const url = new URL(request.url ?? '/', 'http://local');
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (value === undefined || name === 'cookie') continue;
    headers[name.toLowerCase()] = Array.isArray(value) ? value.join(',') : value;
  }
  const cookieHeader = request.headers.cookie;
  return {
    method: (request.method ?? 'GET').toUpperCase(),
    path: url.pathname,
    rawQueryString: url.search.replace(/^\?/, ''),
    headers,
    cookies: cookieHeader ? cookieHeader.split(/;\s*/).filter(Boolean) : [],
    sourceIp: sourceIpOf(request, trustForwardedFor),
    body,
  };
}

function queryParameters(rawQueryString: string): Record<string, string> | undefined {
  if (rawQueryString === '') return undefined;
  const result: Record<string, string> = {};
  for (const [key, value] of new URLSearchParams(rawQueryString)) {
    result[key] = result[key] === undefined ? value : `${result[key]},${value}`;
  }
  return result;
}

const TEXTUAL = /^(application\/(json|x-www-form-urlencoded)|text\/)/i;

/** The API Gateway HTTP API payload 2.0 event for a request, as Lambda receives it. */
export function httpApiEvent(
  raw: RawRequest,
  routeKey: string,
  requestId: string,
  params: Record<string, string>,
  authorizerContext: Record<string, unknown> | undefined,
  now: Date,
): HttpApiEvent {
  const textual = raw.body.length === 0 || TEXTUAL.test(raw.headers['content-type'] ?? '');
  return {
    version: '2.0',
    routeKey,
    rawPath: raw.path,
    rawQueryString: raw.rawQueryString,
    ...(raw.cookies.length > 0 ? { cookies: raw.cookies } : {}),
    headers: raw.headers,
    ...(queryParameters(raw.rawQueryString)
      ? { queryStringParameters: queryParameters(raw.rawQueryString) }
      : {}),
    ...(Object.keys(params).length > 0 ? { pathParameters: params } : {}),
    requestContext: {
      accountId: '000000000000',
      apiId: 'local',
      domainName: raw.headers['host'] ?? '127.0.0.1',
      domainPrefix: 'local',
      http: {
        method: raw.method,
        path: raw.path,
        protocol: 'HTTP/1.1',
        sourceIp: raw.sourceIp,
        userAgent: raw.headers['user-agent'] ?? '',
      },
      requestId,
      routeKey,
      stage: '$default',
      time: now.toUTCString(),
      timeEpoch: now.getTime(),
      ...(authorizerContext ? { authorizer: { lambda: authorizerContext } } : {}),
    },
    ...(raw.body.length > 0
      ? {
          body: textual ? raw.body.toString('utf8') : raw.body.toString('base64'),
          isBase64Encoded: !textual,
        }
      : { isBase64Encoded: false }),
  } as HttpApiEvent;
}

/** The event a Lambda REQUEST authorizer receives for the same request (payload 2.0). */
export function authorizerEvent(event: HttpApiEvent): APIGatewayRequestAuthorizerEventV2 {
  return {
    version: '2.0',
    type: 'REQUEST',
    routeArn: `arn:aws:execute-api:local:000000000000:local/$default/${event.routeKey.replace(' ', '')}`,
    identitySource: [],
    routeKey: event.routeKey,
    rawPath: event.rawPath,
    rawQueryString: event.rawQueryString,
    headers: event.headers as Record<string, string>,
    ...(event.cookies ? { cookies: event.cookies } : {}),
    ...(event.queryStringParameters
      ? { queryStringParameters: event.queryStringParameters as Record<string, string> }
      : {}),
    ...(event.pathParameters
      ? { pathParameters: event.pathParameters as Record<string, string> }
      : {}),
    requestContext: event.requestContext,
    stageVariables: {},
  } as unknown as APIGatewayRequestAuthorizerEventV2;
}
