import {
  CognitoIdentityProviderClient,
  InitiateAuthCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { authorizerConfigSchema, issuerOf } from '../../functions/authorizer/config';
import { jwtTokenVerifier } from '../../functions/authorizer/jwt-token-verifier';
import { createConfirmedUser } from '../support/cognito-users';
import { localEnv } from '../support/local-stack';

describe('JWT verification against cognito-local', () => {
  let tokens: { access: string; id: string };
  let verifier: ReturnType<typeof jwtTokenVerifier>;

  beforeAll(async () => {
    const env = localEnv();
    const config = authorizerConfigSchema.parse(env);
    verifier = jwtTokenVerifier({ issuer: issuerOf(config), clientId: config.USER_POOL_CLIENT_ID });
    const cognito = new CognitoIdentityProviderClient({});
    const email = `auth-${randomUUID()}@example.com`;
    const password = 'Integration-Pass-42';
    await createConfirmedUser(cognito, config.USER_POOL_ID, { email, password });
    const { AuthenticationResult } = await cognito.send(
      new InitiateAuthCommand({
        ClientId: config.USER_POOL_CLIENT_ID,
        AuthFlow: 'USER_PASSWORD_AUTH',
        AuthParameters: { USERNAME: email, PASSWORD: password },
      }),
    );
    tokens = { access: AuthenticationResult!.AccessToken!, id: AuthenticationResult!.IdToken! };
  });

  it('accepts an access token issued by the pool', async () => {
    const verified = await verifier.verifyAccessToken(tokens.access);

    expect(verified.sub).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('rejects a token whose payload was altered', async () => {
    const [header, payload, signature] = tokens.access.split('.');
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString());
    const forged = Buffer.from(JSON.stringify({ ...claims, 'cognito:groups': ['admin'] })).toString(
      'base64url',
    );

    await expect(verifier.verifyAccessToken(`${header}.${forged}.${signature}`)).rejects.toThrow();
  });

  it('rejects an id token where an access token is required', async () => {
    await expect(verifier.verifyAccessToken(tokens.id)).rejects.toThrow(/access token/);
  });

  it('rejects an unsigned token (alg none)', async () => {
    const [, payload] = tokens.access.split('.');
    const none = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');

    await expect(verifier.verifyAccessToken(`${none}.${payload}.`)).rejects.toThrow();
  });
});
