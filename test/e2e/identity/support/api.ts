import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import { call, type ApiAnswer } from '../../../support/http';
import { localAdmin, localEnv } from '../../../support/local-stack';

/** The local API's base URL (`…/api`) and the server root (for `/local/*`). */
export const api = (): string => localEnv()['API_URL']!;
const root = (): string => api().replace(/\/api$/, '');

/** A unique address per test, so tests never share accounts. */
export const newEmail = (tag: string): string => `${tag}-${randomUUID()}@example.com`;

/** A password that meets the policy, different for every account. */
export const newPassword = (): string => `Pw-${randomUUID().slice(0, 8)}-Aa9`;

/** JSON request to the API, optionally as a signed-in caller. */
export function send(
  method: string,
  path: string,
  options: { body?: unknown; token?: string; userAgent?: string } = {},
): Promise<ApiAnswer> {
  const headers: Record<string, string> = { 'user-agent': options.userAgent ?? 'identity-e2e' };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (options.token !== undefined) headers['authorization'] = `Bearer ${options.token}`;
  return call(`${api()}${path}`, {
    method,
    headers,
    ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
  });
}

interface MailboxMessage {
  type: string;
  code: string | null;
}

/** Messages in the local mailbox of an address, oldest first. */
export async function mailbox(email: string): Promise<MailboxMessage[]> {
  const answer = await call(`${root()}/local/mailbox/${encodeURIComponent(email)}`);
  return answer.body.data.messages as MailboxMessage[];
}

/** The newest code of a type in the mailbox. */
export async function latestCode(email: string, type: string): Promise<string> {
  const code = (await mailbox(email)).filter((m) => m.type === type).at(-1)?.code;
  if (!code) throw new Error(`no ${type} code for ${email}`);
  return code;
}

export interface Tokens {
  access_token: string;
  refresh_token: string;
  id_token: string;
  expires_in: number;
  session_id: string;
}

/** Register → mailbox code → confirm: an ACTIVE trader. */
export async function registeredUser(tag: string) {
  const email = newEmail(tag);
  const password = newPassword();
  const registered = await send('POST', '/auth/register', { body: { email, password } });
  expect(registered.status).toBe(201);
  const code = await latestCode(email, 'VERIFICATION');
  const confirmed = await send('POST', '/auth/confirm', { body: { email, code } });
  expect(confirmed.status).toBe(200);
  return { email, password, userId: registered.body.data.user_id as string };
}

/** Signs in (without MFA) and returns the tokens. */
export async function signIn(email: string, password: string, userAgent?: string): Promise<Tokens> {
  const answer = await send('POST', '/auth/login', {
    body: { email, password },
    ...(userAgent === undefined ? {} : { userAgent }),
  });
  expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  return answer.body.data as Tokens;
}

/** A registered, confirmed and signed-in trader. */
export async function signedInUser(tag: string) {
  const user = await registeredUser(tag);
  return { ...user, tokens: await signIn(user.email, user.password) };
}

/** The seeded admin, signed in. */
export async function signedInAdmin(): Promise<Tokens> {
  const admin = await localAdmin();
  return signIn(admin.email, admin.password);
}
