import {
  AdminGetUserCommand,
  AdminListGroupsForUserCommand,
  CognitoIdentityProviderClient,
  ConfirmForgotPasswordCommand,
  ConfirmSignUpCommand,
  DescribeUserPoolClientCommand,
  DescribeUserPoolCommand,
  ForgotPasswordCommand,
  GetUserPoolMfaConfigCommand,
  InitiateAuthCommand,
  ListGroupsCommand,
  SignUpCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { userPool } from '../../../infra/definitions/identity';
import { readMailbox } from '../../../shared/mail/mailbox';
import { localAdmin, localEnv } from '../../support/local-stack';

const cognito = new CognitoIdentityProviderClient({});
const poolId = () => localEnv()[userPool.poolEnvVar]!;
const clientId = () => localEnv()[userPool.clientEnvVar]!;
const mailbox = (email: string) => readMailbox(localEnv()['LOCAL_MAILBOX_DIR']!, email);
const newEmail = () => `local-stack-${randomUUID()}@example.test`;
const password = 'Correct-Horse-42';

const signUp = (email: string) =>
  cognito.send(new SignUpCommand({ ClientId: clientId(), Username: email, Password: password }));

describe('provisioned identity', () => {
  it('names the pool after its definition and signs in with email', async () => {
    // Act
    const { UserPool } = await cognito.send(new DescribeUserPoolCommand({ UserPoolId: poolId() }));
    // Assert
    expect(UserPool?.Name).toBe(userPool.localName);
    expect(UserPool?.UsernameAttributes).toEqual(['email']);
    expect(UserPool?.Policies?.PasswordPolicy?.MinimumLength).toBe(
      userPool.passwordPolicy.minLength,
    );
  });

  it('offers optional TOTP MFA', async () => {
    // Act
    const config = await cognito.send(new GetUserPoolMfaConfigCommand({ UserPoolId: poolId() }));
    // Assert
    expect(config.MfaConfiguration).toBe('OPTIONAL');
    expect(config.SoftwareTokenMfaConfiguration?.Enabled).toBe(true);
  });

  it('creates every group of the definition', async () => {
    // Act
    const { Groups = [] } = await cognito.send(new ListGroupsCommand({ UserPoolId: poolId() }));
    // Assert
    expect(Groups.map((group) => group.GroupName).sort()).toEqual([...userPool.groups].sort());
  });

  it('creates the app client without a secret and with the definition auth flows', async () => {
    // Act
    const { UserPoolClient } = await cognito.send(
      new DescribeUserPoolClientCommand({ UserPoolId: poolId(), ClientId: clientId() }),
    );
    // Assert
    expect(UserPoolClient?.ClientName).toBe(userPool.client.localName);
    expect(UserPoolClient?.ClientSecret).toBeUndefined();
    expect(UserPoolClient?.ExplicitAuthFlows).toEqual(
      expect.arrayContaining([...userPool.client.authFlows]),
    );
  });

  it('seeds the admin into the admin and trader groups, with the printed password', async () => {
    // Arrange: cognito-local lists groups by the stored username (the sub), not the email alias
    const admin = await localAdmin();
    const { Username } = await cognito.send(
      new AdminGetUserCommand({ UserPoolId: poolId(), Username: admin.email }),
    );
    // Act
    const { Groups = [] } = await cognito.send(
      new AdminListGroupsForUserCommand({ UserPoolId: poolId(), Username }),
    );
    const login = await cognito.send(
      new InitiateAuthCommand({
        ClientId: clientId(),
        AuthFlow: 'USER_PASSWORD_AUTH',
        AuthParameters: { USERNAME: admin.email, PASSWORD: admin.password },
      }),
    );
    // Assert
    const claims = JSON.parse(
      Buffer.from(login.AuthenticationResult!.AccessToken!.split('.')[1]!, 'base64url').toString(),
    ) as Record<string, unknown>;
    expect(Groups.map((group) => group.GroupName).sort()).toEqual(['admin', 'trader']);
    expect(claims['cognito:groups']).toEqual(expect.arrayContaining(['admin', 'trader']));
  });

  it('leaves the sign-up verification code in the local mailbox', async () => {
    // Arrange
    const email = newEmail();
    // Act
    await signUp(email);
    const messages = await mailbox(email.toUpperCase());
    // Assert
    expect(messages).toEqual([
      expect.objectContaining({ type: 'VERIFICATION', code: expect.stringMatching(/^\d{6}$/) }),
    ]);
    await expect(
      cognito.send(
        new ConfirmSignUpCommand({
          ClientId: clientId(),
          Username: email,
          ConfirmationCode: messages[0]!.code!,
        }),
      ),
    ).resolves.toBeDefined();
  });

  it('leaves the password reset code in the local mailbox, after the verification code', async () => {
    // Arrange
    const email = newEmail();
    await signUp(email);
    const [verification] = await mailbox(email);
    await cognito.send(
      new ConfirmSignUpCommand({
        ClientId: clientId(),
        Username: email,
        ConfirmationCode: verification!.code!,
      }),
    );
    // Act
    await cognito.send(new ForgotPasswordCommand({ ClientId: clientId(), Username: email }));
    const messages = await mailbox(email);
    // Assert
    expect(messages.map((message) => message.type)).toEqual(['VERIFICATION', 'PASSWORD_RESET']);
    await expect(
      cognito.send(
        new ConfirmForgotPasswordCommand({
          ClientId: clientId(),
          Username: email,
          ConfirmationCode: messages[1]!.code!,
          Password: 'Another-Horse-43',
        }),
      ),
    ).resolves.toBeDefined();
  });
});
