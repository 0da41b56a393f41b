import {
  CreateGroupCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  ListGroupsCommand,
  ListUserPoolClientsCommand,
  ListUserPoolsCommand,
  SetUserPoolMfaConfigCommand,
  type CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';
import { userPool } from '../../definitions/identity';

type Definition = typeof userPool;

const findPoolId = async (
  client: CognitoIdentityProviderClient,
  name: string,
): Promise<string | undefined> => {
  let NextToken: string | undefined;
  do {
    const page = await client.send(new ListUserPoolsCommand({ MaxResults: 60, NextToken }));
    const match = page.UserPools?.find((pool) => pool.Name === name);
    if (match?.Id !== undefined) return match.Id;
    NextToken = page.NextToken;
  } while (NextToken !== undefined);
  return undefined;
};

const createPool = async (
  client: CognitoIdentityProviderClient,
  pool: Definition,
): Promise<string> => {
  const policy = pool.passwordPolicy;
  const created = await client.send(
    new CreateUserPoolCommand({
      PoolName: pool.localName,
      UsernameAttributes: pool.signInWithEmail ? ['email'] : [],
      AutoVerifiedAttributes: ['email'],
      Policies: {
        PasswordPolicy: {
          MinimumLength: policy.minLength,
          RequireLowercase: policy.requireLowercase,
          RequireUppercase: policy.requireUppercase,
          RequireNumbers: policy.requireDigits,
          RequireSymbols: policy.requireSymbols,
          TemporaryPasswordValidityDays: policy.tempPasswordValidityDays,
        },
      },
    }),
  );
  const id = created.UserPool?.Id;
  if (id === undefined) throw new Error('CreateUserPool returned no pool id');
  return id;
};

const findClientId = async (
  client: CognitoIdentityProviderClient,
  poolId: string,
  name: string,
): Promise<string | undefined> => {
  let NextToken: string | undefined;
  do {
    const page = await client.send(
      new ListUserPoolClientsCommand({ UserPoolId: poolId, MaxResults: 60, NextToken }),
    );
    const match = page.UserPoolClients?.find((appClient) => appClient.ClientName === name);
    if (match?.ClientId !== undefined) return match.ClientId;
    NextToken = page.NextToken;
  } while (NextToken !== undefined);
  return undefined;
};

const createClient = async (
  client: CognitoIdentityProviderClient,
  poolId: string,
  appClient: Definition['client'],
): Promise<string> => {
  const created = await client.send(
    new CreateUserPoolClientCommand({
      UserPoolId: poolId,
      ClientName: appClient.localName,
      GenerateSecret: false,
      ExplicitAuthFlows: [...appClient.authFlows],
      EnableTokenRevocation: appClient.enableTokenRevocation,
      PreventUserExistenceErrors: appClient.preventUserExistenceErrors ? 'ENABLED' : 'LEGACY',
      AccessTokenValidity: appClient.accessTokenMinutes,
      IdTokenValidity: appClient.idTokenMinutes,
      RefreshTokenValidity: appClient.refreshTokenDays,
      TokenValidityUnits: { AccessToken: 'minutes', IdToken: 'minutes', RefreshToken: 'days' },
    }),
  );
  const id = created.UserPoolClient?.ClientId;
  if (id === undefined) throw new Error('CreateUserPoolClient returned no client id');
  return id;
};

const ensureGroups = async (
  client: CognitoIdentityProviderClient,
  poolId: string,
  groups: readonly string[],
): Promise<void> => {
  const { Groups } = await client.send(new ListGroupsCommand({ UserPoolId: poolId, Limit: 60 }));
  const present = new Set((Groups ?? []).map((group) => group.GroupName));
  for (const name of groups.filter((group) => !present.has(group))) {
    try {
      await client.send(new CreateGroupCommand({ UserPoolId: poolId, GroupName: name }));
    } catch (error) {
      if ((error as Error).name !== 'GroupExistsException') throw error;
    }
  }
};

/** The ids the app needs, keyed by the definition's env var names. */
export interface IdentityEnv {
  readonly poolId: string;
  readonly clientId: string;
  readonly env: Record<string, string>;
}

/**
 * Provisions the user pool of `infra/definitions/identity.ts` on cognito-local, idempotently:
 * the pool (found by name, else created with email sign-in and the password policy), optional
 * TOTP MFA, the app client (found by name, else created without a secret) and every group.
 */
export const provisionIdentity = async (
  client: CognitoIdentityProviderClient,
  pool: Definition = userPool,
): Promise<IdentityEnv> => {
  const poolId = (await findPoolId(client, pool.localName)) ?? (await createPool(client, pool));
  await client.send(
    new SetUserPoolMfaConfigCommand({
      UserPoolId: poolId,
      SoftwareTokenMfaConfiguration: { Enabled: true },
      MfaConfiguration: pool.mfa,
    }),
  );
  const clientId =
    (await findClientId(client, poolId, pool.client.localName)) ??
    (await createClient(client, poolId, pool.client));
  await ensureGroups(client, poolId, pool.groups);
  return { poolId, clientId, env: { [pool.poolEnvVar]: poolId, [pool.clientEnvVar]: clientId } };
};
