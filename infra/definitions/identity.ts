/**
 * The Cognito user pool, its app client and groups, as one definition used by CDK and by the
 * local cognito-local provisioning.
 */
export const groups = ['trader', 'admin', 'auditor', 'compliance'] as const;
export type Group = (typeof groups)[number];

export const userPool = {
  id: 'UserPool',
  localName: 'exchange-users',
  poolEnvVar: 'USER_POOL_ID',
  clientEnvVar: 'USER_POOL_CLIENT_ID',
  passwordPolicy: {
    minLength: 12,
    requireLowercase: true,
    requireUppercase: true,
    requireDigits: true,
    requireSymbols: false,
    tempPasswordValidityDays: 3,
  },
  /** TOTP only; SMS is not offered. */
  mfa: 'OPTIONAL',
  signInWithEmail: true,
  client: {
    id: 'AppClient',
    localName: 'exchange-app',
    authFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
    accessTokenMinutes: 15,
    idTokenMinutes: 15,
    refreshTokenDays: 30,
    enableTokenRevocation: true,
    preventUserExistenceErrors: true,
  },
  groups,
} as const;
