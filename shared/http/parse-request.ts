import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { z } from 'zod';
import {
  PayloadTooLargeError,
  PermissionDeniedError,
  UnsupportedMediaTypeError,
  ValidationError,
  type FieldError,
} from '../domain/errors';
import type { RouteContract } from '../contracts/route-contract';
import { checkSignedBody, refusalOf } from './auth-refusals';
import { identityFromContext, type Identity } from './identity';

export const DEFAULT_MAX_BODY_BYTES = 16 * 1024;

/** API Gateway HTTP API v2 event, with the Lambda authorizer's context where one ran. */
export type HttpApiEvent = APIGatewayProxyEventV2 & {
  requestContext: APIGatewayProxyEventV2['requestContext'] & {
    authorizer?: { lambda?: Record<string, unknown> };
  };
};

type Out<S> = S extends z.ZodType ? z.output<S> : undefined;

/** A request after parsing: typed body, query and params, and the verified caller. */
export interface ApiRequest<C extends RouteContract> {
  readonly body: Out<C['body']>;
  readonly query: Out<C['query']>;
  readonly params: Out<C['params']>;
  /** Present on every `user` route; undefined on `public` ones. */
  readonly identity: C['auth'] extends 'user' ? Identity : Identity | undefined;
  readonly requestId: string;
  readonly sourceIp: string;
  readonly userAgent: string;
  readonly headers: Readonly<Record<string, string | undefined>>;
}

function toFieldErrors(error: z.ZodError, location: FieldError['in']): FieldError[] {
  return error.issues.flatMap((issue) => {
    const base = issue.path.map(String).join('.');
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({
        field: base ? `${base}.${key}` : key,
        in: location,
        message: 'Unknown field',
      }));
    }
    return [{ field: base || `(${location})`, in: location, message: issue.message }];
  });
}

function parsePart<S extends z.ZodType | undefined>(
  schema: S,
  value: unknown,
  location: FieldError['in'],
  errors: FieldError[],
): Out<S> {
  if (schema === undefined) return undefined as Out<S>;
  const result = schema.safeParse(value);
  if (result.success) return result.data as Out<S>;
  errors.push(...toFieldErrors(result.error, location));
  return undefined as Out<S>;
}

function rawBodyOf(event: HttpApiEvent): Buffer {
  if (event.body === undefined || event.body === '') return Buffer.alloc(0);
  return Buffer.from(event.body, event.isBase64Encoded ? 'base64' : 'utf8');
}

function readBody(
  contract: RouteContract,
  event: HttpApiEvent,
  rawBody: Buffer,
  errors: FieldError[],
): unknown {
  const raw = rawBody.toString('utf8');
  const limit = contract.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  if (Buffer.byteLength(raw, 'utf8') > limit) {
    throw new PayloadTooLargeError(`The request body exceeds ${limit} bytes`);
  }
  if (raw === '') return contract.body === undefined ? undefined : {};
  const contentType = event.headers['content-type'] ?? '';
  if (!/^application\/json\s*(;|$)/i.test(contentType)) {
    throw new UnsupportedMediaTypeError('The request body must be application/json');
  }
  if (contract.body === undefined) {
    errors.push({ field: '(body)', in: 'body', message: 'This route takes no body' });
    return undefined;
  }
  try {
    return JSON.parse(raw);
  } catch {
    errors.push({ field: '(body)', in: 'body', message: 'Malformed JSON' });
    return undefined;
  }
}

/**
 * Turns an HTTP API event into a typed request, or throws the typed error that explains why
 * not: authentication and group checks first (an anonymous caller learns nothing about the
 * body), then size and media type, then every schema at once so all offending fields are listed.
 */
export function parseRequest<C extends RouteContract>(
  contract: C,
  event: HttpApiEvent,
): ApiRequest<C> {
  const requestId = event.requestContext.requestId;
  let identity: Identity | undefined;
  if (contract.auth === 'user') {
    const context = event.requestContext.authorizer?.lambda;
    const outcome = identityFromContext(context);
    if ('reason' in outcome) throw refusalOf(outcome.reason, context);
    identity = outcome.identity;
    if (identity.authType === 'api_key') checkSignedBody(context, rawBodyOf(event));
    const required = contract.groups;
    if (required && !required.some((group) => outcome.identity.groups.includes(group))) {
      throw new PermissionDeniedError('You are not allowed to perform this action');
    }
  }

  const errors: FieldError[] = [];
  const rawBody = readBody(contract, event, rawBodyOf(event), errors);
  const body = errors.length === 0 ? parsePart(contract.body, rawBody, 'body', errors) : undefined;
  const query = parsePart(contract.query, event.queryStringParameters ?? {}, 'query', errors);
  const params = parsePart(contract.params, event.pathParameters ?? {}, 'path', errors);
  if (errors.length > 0) throw new ValidationError(errors);

  return {
    body,
    query,
    params,
    identity,
    requestId,
    sourceIp: event.requestContext.http.sourceIp,
    userAgent: event.requestContext.http.userAgent,
    headers: event.headers,
  } as ApiRequest<C>;
}
