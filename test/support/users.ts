import {
  AdminCreateUserCommand,
  AdminSetUserPasswordCommand,
  CognitoIdentityProviderClient,
  InitiateAuthCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { randomUUID } from 'node:crypto';
import { routes } from '../../infra/definitions/routes';
import { call } from './http';
import { localEnv } from './local-stack';

/** A signed-in user of the local stack, as an app holds it after login. */
export interface SignedInUser {
  /** Cognito `sub`: the id every ownership check keys on. */
  readonly userId: string;
  readonly email: string;
  readonly accessToken: string;
}

let cognito: CognitoIdentityProviderClient | undefined;

const hasLoginRoute = routes.some((r) => r.method === 'POST' && r.path === '/api/auth/login');

/**
 * Signs in through `POST /api/auth/login` when the API has it: the token then belongs to a
 * session, as the authorizer requires of every token once sessions exist.
 */
async function loginThroughApi(email: string, password: string): Promise<string | undefined> {
  if (!hasLoginRoute) return undefined;
  const answer = await call(`${localEnv()['API_URL']!}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  const token: unknown = answer.body?.data?.access_token;
  if (answer.status !== 200 || typeof token !== 'string') {
    throw new Error(`login of ${email} answered ${answer.status}`);
  }
  return token;
}

/** Before the identity routes exist: a token straight from cognito-local. */
async function loginDirectly(email: string, password: string): Promise<string> {
  const { AuthenticationResult } = await cognito!.send(
    new InitiateAuthCommand({
      ClientId: localEnv()['USER_POOL_CLIENT_ID']!,
      AuthFlow: 'USER_PASSWORD_AUTH',
      AuthParameters: { USERNAME: email, PASSWORD: password },
    }),
  );
  const token = AuthenticationResult?.AccessToken;
  if (token === undefined) throw new Error(`cognito-local did not sign in ${email}`);
  return token;
}

/**
 * Creates a confirmed user directly in cognito-local (no invitation mail, verified email,
 * permanent password) and signs it in: through the API's login route when there is one (the
 * account gets its profile and a session there), else with USER_PASSWORD_AUTH directly. For
 * tests that need a caller but do not test sign-up itself; each call makes a new user.
 */
export async function signInNewUser(prefix = 'user'): Promise<SignedInUser> {
  const env = localEnv();
  const poolId = env['USER_POOL_ID']!;
  cognito ??= new CognitoIdentityProviderClient({});
  const email = `${prefix}-${randomUUID()}@example.com`;
  const password = `Test-Pass-${randomUUID()}`;
  await cognito.send(
    new AdminCreateUserCommand({
      UserPoolId: poolId,
      Username: email,
      MessageAction: 'SUPPRESS',
      UserAttributes: [
        { Name: 'email', Value: email },
        { Name: 'email_verified', Value: 'true' },
      ],
    }),
  );
  await cognito.send(
    new AdminSetUserPasswordCommand({
      UserPoolId: poolId,
      Username: email,
      Password: password,
      Permanent: true,
    }),
  );
  const accessToken =
    (await loginThroughApi(email, password)) ?? (await loginDirectly(email, password));
  const claims = JSON.parse(
    Buffer.from(accessToken.split('.')[1] ?? '', 'base64url').toString('utf8'),
  ) as { sub?: unknown };
  if (typeof claims.sub !== 'string') throw new Error('the access token carries no sub');
  return { userId: claims.sub, email, accessToken };
}
