import type { Context } from 'aws-lambda';
import { httpEvent } from '../../../support/http-events';

/** Calls a wrapped handler as API Gateway would, for a user in `groups`; parses the envelope. */
export async function invoke(
  handler: (event: ReturnType<typeof httpEvent>, context: Context) => Promise<unknown>,
  request: {
    method: string;
    path: string;
    userId?: string;
    groups?: string;
    body?: unknown;
    params?: Record<string, string>;
    query?: Record<string, string>;
    authType?: 'jwt' | 'api_key';
    scopes?: string;
  },
  // The envelope is arbitrary JSON; assertions check its shape.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
): Promise<{ status: number; body: any }> {
  const event = httpEvent({
    method: request.method,
    path: request.path,
    ...(request.body === undefined
      ? {}
      : { body: JSON.stringify(request.body), headers: { 'content-type': 'application/json' } }),
    ...(request.params ? { params: request.params } : {}),
    ...(request.query ? { query: request.query } : {}),
    authorizer: {
      auth_type: request.authType ?? 'jwt',
      user_id: request.userId ?? 'user-1',
      groups: request.groups ?? 'trader',
      scopes: request.scopes ?? 'read,trade',
    },
  });
  const response = (await handler(event, {} as Context)) as { statusCode: number; body: string };
  return { status: response.statusCode, body: JSON.parse(response.body) };
}
