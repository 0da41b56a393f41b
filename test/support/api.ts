import { call, type ApiAnswer } from './http';
import { localEnv } from './local-stack';

/** The local API's base URL (`…/api`). */
export const apiUrl = (): string => localEnv()['API_URL']!;

/** One JSON call to the local API with a bearer token, as an app makes it. */
export const send = (
  method: string,
  path: string,
  token: string,
  body?: unknown,
): Promise<ApiAnswer> =>
  call(`${apiUrl()}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
