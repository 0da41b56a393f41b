import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminSetUserPasswordCommand,
  CognitoIdentityProviderClient,
  InitiateAuthCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { randomUUID } from 'node:crypto';
import { call } from './http';
import { localEnv } from './local-stack';

/** A signed-in caller of the local API: its Cognito `sub` and an access token. */
export interface SignedInCaller {
  readonly userId: string;
  readonly email: string;
  readonly accessToken: string;
}

let cognito: CognitoIdentityProviderClient | undefined;

const subOf = (token: string): string => {
  const claims = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8'));
  if (typeof claims.sub !== 'string') throw new Error('the access token carries no sub');
  return claims.sub;
};

/**
 * Signs in with the API's login route (which opens the session the authorizer requires and,
 * on first sign-in, creates the profile with the token's groups); without that route, a token
 * straight from cognito-local.
 */
export async function signIn(email: string, password: string): Promise<SignedInCaller> {
  const answer = await call(`${localEnv()['API_URL']!}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  let token: unknown = answer.body?.data?.access_token;
  if (answer.status === 404) {
    cognito ??= new CognitoIdentityProviderClient({});
    const { AuthenticationResult } = await cognito.send(
      new InitiateAuthCommand({
        ClientId: localEnv()['USER_POOL_CLIENT_ID']!,
        AuthFlow: 'USER_PASSWORD_AUTH',
        AuthParameters: { USERNAME: email, PASSWORD: password },
      }),
    );
    token = AuthenticationResult?.AccessToken;
  }
  if (typeof token !== 'string') throw new Error(`sign-in of ${email} answered ${answer.status}`);
  return { userId: subOf(token), email, accessToken: token };
}

/**
 * Creates a confirmed user in cognito-local in the given groups (no invitation mail, verified
 * email, permanent password) and signs it in, so its token and its profile both carry them.
 */
export async function signInNewMember(groups: readonly string[]): Promise<SignedInCaller> {
  const poolId = localEnv()['USER_POOL_ID']!;
  cognito ??= new CognitoIdentityProviderClient({});
  const email = `${groups.join('-') || 'user'}-${randomUUID()}@example.com`;
  const password = `Audit-Pass-${randomUUID()}`;
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
  for (const group of groups) {
    await cognito.send(
      new AdminAddUserToGroupCommand({ UserPoolId: poolId, Username: email, GroupName: group }),
    );
  }
  return signIn(email, password);
}

/** A new member of the `auditor` group, signed in. */
export const signInAuditor = (): Promise<SignedInCaller> => signInNewMember(['auditor']);
