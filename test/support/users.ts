import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { randomUUID } from 'node:crypto';
import { createConfirmedUser } from './cognito-users';
import { call } from './http';
import { localEnv } from './local-stack';

/** A signed-in caller of the local API, as an app holds it after login. */
export interface SignedInUser {
  /** Cognito `sub`: the id every ownership check keys on. */
  readonly userId: string;
  readonly email: string;
  readonly accessToken: string;
}
/** The audit tests' name for {@link SignedInUser}. */
export type SignedInCaller = SignedInUser;

let cognito: CognitoIdentityProviderClient | undefined;

const subOf = (token: string): string => {
  const claims = JSON.parse(
    Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8'),
  ) as { sub?: unknown };
  if (typeof claims.sub !== 'string') throw new Error('the access token carries no sub');
  return claims.sub;
};

/**
 * Signs in through `POST /api/auth/login`, which opens the session the authorizer requires of
 * every token and, on a first sign-in, creates the profile with the token's groups.
 */
export async function signIn(email: string, password: string): Promise<SignedInUser> {
  const answer = await call(`${localEnv()['API_URL']!}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  const token: unknown = answer.body?.data?.access_token;
  if (answer.status !== 200 || typeof token !== 'string') {
    throw new Error(`login of ${email} answered ${answer.status}`);
  }
  return { userId: subOf(token), email, accessToken: token };
}

/**
 * Creates a confirmed user directly in cognito-local (no invitation mail, verified email,
 * permanent password), in the given groups, and signs it in. For tests that need a caller but
 * do not test sign-up itself; each call makes a new user.
 */
export async function signInNewMember(
  groups: readonly string[],
  prefix = groups.join('-') || 'user',
): Promise<SignedInUser> {
  const poolId = localEnv()['USER_POOL_ID']!;
  cognito ??= new CognitoIdentityProviderClient({});
  const email = `${prefix}-${randomUUID()}@example.com`;
  const password = `Test-Pass-${randomUUID()}`;
  await createConfirmedUser(cognito, poolId, { email, password, groups });
  return signIn(email, password);
}

/** A new trader, signed in. */
export const signInNewUser = (prefix = 'user'): Promise<SignedInUser> =>
  signInNewMember([], prefix);

/** A new member of the `auditor` group, signed in. */
export const signInAuditor = (): Promise<SignedInUser> => signInNewMember(['auditor']);
