import {
  AssociateSoftwareTokenCommand,
  ChangePasswordCommand,
  ConfirmForgotPasswordCommand,
  ConfirmSignUpCommand,
  ForgotPasswordCommand,
  InitiateAuthCommand,
  RespondToAuthChallengeCommand,
  RevokeTokenCommand,
  SetUserMFAPreferenceCommand,
  SignUpCommand,
  VerifySoftwareTokenCommand,
  type CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';
import { CODE_FAILURES, CREDENTIAL_FAILURES, translating } from './cognito-errors';
import { issuedTokens } from './cognito-tokens';
import { IdentityProviderError, type IdentityProvider } from './identity-provider';

/**
 * The user-facing Cognito calls, through the public app client (no secret). The user pool
 * definition's `PreventUserExistenceErrors` keeps Cognito itself from enumerating accounts; this
 * adapter collapses what is left into the port's reasons.
 */
export function cognitoIdentityProvider(
  client: CognitoIdentityProviderClient,
  clientId: string,
): IdentityProvider {
  return {
    async signUp(email, password, username) {
      const result = await translating(
        () =>
          client.send(
            new SignUpCommand({
              ClientId: clientId,
              Username: email,
              Password: password,
              UserAttributes: [
                { Name: 'email', Value: email },
                ...(username === undefined
                  ? []
                  : [{ Name: 'preferred_username', Value: username }]),
              ],
            }),
          ),
        { UsernameExistsException: 'account_exists', InvalidPasswordException: 'invalid_password' },
      );
      if (result.UserSub === undefined) throw new Error('the provider returned no user id');
      return result.UserSub;
    },

    async confirmSignUp(email, code) {
      await translating(
        () =>
          client.send(
            new ConfirmSignUpCommand({
              ClientId: clientId,
              Username: email,
              ConfirmationCode: code,
            }),
          ),
        CODE_FAILURES,
      );
    },

    async passwordAuth(email, password) {
      const result = await translating(
        () =>
          client.send(
            new InitiateAuthCommand({
              ClientId: clientId,
              AuthFlow: 'USER_PASSWORD_AUTH',
              AuthParameters: { USERNAME: email, PASSWORD: password },
            }),
          ),
        CREDENTIAL_FAILURES,
      );
      if (result.ChallengeName === 'SOFTWARE_TOKEN_MFA' && result.Session !== undefined) {
        return { kind: 'mfa', session: result.Session };
      }
      if (result.ChallengeName !== undefined) {
        throw new Error(`unsupported sign-in challenge ${result.ChallengeName}`);
      }
      return { kind: 'tokens', tokens: issuedTokens(result.AuthenticationResult) };
    },

    async answerTotpChallenge(email, session, code) {
      const result = await translating(
        () =>
          client.send(
            new RespondToAuthChallengeCommand({
              ClientId: clientId,
              ChallengeName: 'SOFTWARE_TOKEN_MFA',
              Session: session,
              ChallengeResponses: { USERNAME: email, SOFTWARE_TOKEN_MFA_CODE: code },
            }),
          ),
        {
          CodeMismatchException: 'code_mismatch',
          ExpiredCodeException: 'code_mismatch',
          EnableSoftwareTokenMFAException: 'code_mismatch',
          NotAuthorizedException: 'challenge_expired',
          UserNotFoundException: 'challenge_expired',
          InvalidParameterException: 'challenge_expired',
        },
      );
      return issuedTokens(result.AuthenticationResult);
    },

    async refresh(refreshToken) {
      const result = await translating(
        () =>
          client.send(
            new InitiateAuthCommand({
              ClientId: clientId,
              AuthFlow: 'REFRESH_TOKEN_AUTH',
              AuthParameters: { REFRESH_TOKEN: refreshToken },
            }),
          ),
        CREDENTIAL_FAILURES,
      );
      return issuedTokens(result.AuthenticationResult);
    },

    async revokeRefreshToken(refreshToken) {
      await translating(
        () => client.send(new RevokeTokenCommand({ ClientId: clientId, Token: refreshToken })),
        {
          NotAuthorizedException: 'invalid_credentials',
          UnsupportedTokenTypeException: 'invalid_credentials',
        },
      );
    },

    async changePassword(accessToken, previous, proposed) {
      await translating(
        () =>
          client.send(
            new ChangePasswordCommand({
              AccessToken: accessToken,
              PreviousPassword: previous,
              ProposedPassword: proposed,
            }),
          ),
        {
          NotAuthorizedException: 'invalid_credentials',
          InvalidPasswordException: 'invalid_credentials',
        },
      );
    },

    async forgotPassword(email) {
      await translating(
        () => client.send(new ForgotPasswordCommand({ ClientId: clientId, Username: email })),
        {
          UserNotFoundException: 'not_found',
          InvalidParameterException: 'not_found',
          NotAuthorizedException: 'not_found',
        },
      );
    },

    async confirmForgotPassword(email, code, password) {
      await translating(
        () =>
          client.send(
            new ConfirmForgotPasswordCommand({
              ClientId: clientId,
              Username: email,
              ConfirmationCode: code,
              Password: password,
            }),
          ),
        { ...CODE_FAILURES, InvalidPasswordException: 'invalid_password' },
      );
    },

    async associateTotp(accessToken) {
      const result = await translating(
        () => client.send(new AssociateSoftwareTokenCommand({ AccessToken: accessToken })),
        { NotAuthorizedException: 'invalid_credentials' },
      );
      if (result.SecretCode === undefined) throw new Error('the provider returned no secret');
      return result.SecretCode;
    },

    async verifyTotp(accessToken, code) {
      const result = await translating(
        () =>
          client.send(new VerifySoftwareTokenCommand({ AccessToken: accessToken, UserCode: code })),
        {
          CodeMismatchException: 'code_mismatch',
          EnableSoftwareTokenMFAException: 'code_mismatch',
          InvalidParameterException: 'not_found',
          NotAuthorizedException: 'invalid_credentials',
        },
      );
      if (result.Status !== 'SUCCESS') throw new IdentityProviderError('code_mismatch');
    },

    async setTotpMfa(accessToken, enabled) {
      await translating(
        () =>
          client.send(
            new SetUserMFAPreferenceCommand({
              AccessToken: accessToken,
              SoftwareTokenMfaSettings: { Enabled: enabled, PreferredMfa: enabled },
            }),
          ),
        { InvalidParameterException: 'not_found', NotAuthorizedException: 'invalid_credentials' },
      );
    },
  };
}
