import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { cognitoIdentityAdmin } from '../../../functions/users/cognito-identity-admin';
import { cognitoIdentityProvider } from '../../../functions/users/cognito-identity-provider';
import type {
  IdentityAdmin,
  IdentityProvider,
  IssuedTokens,
} from '../../../functions/users/identity-provider';
import { readMailbox } from '../../../shared/mail/mailbox';
import { localEnv } from '../../support/local-stack';
import { totp } from '../../e2e/identity/support/totp';

let idp: IdentityProvider;
let admin: IdentityAdmin;

beforeAll(() => {
  const env = localEnv();
  const client = new CognitoIdentityProviderClient({});
  idp = cognitoIdentityProvider(client, env['USER_POOL_CLIENT_ID']!);
  admin = cognitoIdentityAdmin(client, env['USER_POOL_ID']!);
});

const codeFor = async (email: string, type: string): Promise<string> => {
  const messages = await readMailbox(localEnv()['LOCAL_MAILBOX_DIR']!, email);
  const code = messages.filter((m) => m.type === type).at(-1)?.code;
  if (!code) throw new Error(`no ${type} code`);
  return code;
};

const confirmedAccount = async () => {
  const email = `cog-${randomUUID()}@example.com`;
  const password = `Pw-${randomUUID().slice(0, 8)}-Aa9`;
  const userId = await idp.signUp(email, password, 'nick');
  await idp.confirmSignUp(email, await codeFor(email, 'VERIFICATION'));
  return { email, password, userId };
};

const tokensOf = async (email: string, password: string): Promise<IssuedTokens> => {
  const result = await idp.passwordAuth(email, password);
  if (result.kind !== 'tokens') throw new Error('expected tokens');
  return result.tokens;
};

describe('cognitoIdentityProvider against cognito-local', () => {
  it('signs up, confirms with the mailed code and signs in with decoded claims', async () => {
    const { email, password } = await confirmedAccount();

    const account = await admin.findAccount(email);
    const tokens = await tokensOf(email, password);

    expect(account).toMatchObject({
      email,
      preferredUsername: 'nick',
      confirmed: true,
      enabled: true,
    });
    expect(tokens.userId).toBe(account?.userId);
    expect(tokens.tokenId).toMatch(/^[0-9a-f-]{36}$/);
    expect(tokens.expiresIn).toBe(900);
    expect(tokens.refreshToken).toBeDefined();
  });

  it('reports an address already registered as account_exists', async () => {
    const { email } = await confirmedAccount();

    await expect(idp.signUp(email, 'Another-Pass-2026', undefined)).rejects.toMatchObject({
      reason: 'account_exists',
    });
  });

  it('collapses unknown users and wrong passwords into invalid_credentials', async () => {
    const { email } = await confirmedAccount();

    await expect(idp.passwordAuth(email, 'Wrong-Pass-2026')).rejects.toMatchObject({
      reason: 'invalid_credentials',
    });
    await expect(
      idp.passwordAuth(`ghost-${randomUUID()}@example.com`, 'Wrong-Pass-2026'),
    ).rejects.toMatchObject({ reason: 'invalid_credentials' });
  });

  it('refreshes, and refuses a revoked refresh token', async () => {
    const { email, password } = await confirmedAccount();
    const tokens = await tokensOf(email, password);

    const refreshed = await idp.refresh(tokens.refreshToken!);
    await idp.revokeRefreshToken(tokens.refreshToken!);

    expect(refreshed.userId).toBe(tokens.userId);
    expect(refreshed.tokenId).not.toBe(tokens.tokenId);
    await expect(idp.refresh(tokens.refreshToken!)).rejects.toMatchObject({
      reason: 'invalid_credentials',
    });
  });

  it('resets a password with the mailed reset code', async () => {
    const { email } = await confirmedAccount();
    await idp.forgotPassword(email);

    await expect(
      idp.confirmForgotPassword(email, '000000', 'New-Password-2027'),
    ).rejects.toMatchObject({
      reason: 'code_mismatch',
    });
    await idp.confirmForgotPassword(
      email,
      await codeFor(email, 'PASSWORD_RESET'),
      'New-Password-2027',
    );
    await expect(tokensOf(email, 'New-Password-2027')).resolves.toMatchObject({ expiresIn: 900 });
  });

  it('enrols TOTP and then challenges sign-ins for it', async () => {
    const { email, password } = await confirmedAccount();
    const tokens = await tokensOf(email, password);

    const secret = await idp.associateTotp(tokens.accessToken);
    await expect(idp.verifyTotp(tokens.accessToken, '000000')).rejects.toMatchObject({
      reason: 'code_mismatch',
    });
    await idp.verifyTotp(tokens.accessToken, totp(secret));
    await idp.setTotpMfa(tokens.accessToken, true);
    const challenged = await idp.passwordAuth(email, password);
    if (challenged.kind !== 'mfa') throw new Error('expected a challenge');
    const answered = await idp.answerTotpChallenge(email, challenged.session, totp(secret));

    expect(answered.userId).toBe(tokens.userId);
  });

  it('changes the password with the access token and refuses a wrong current one', async () => {
    const { email, password } = await confirmedAccount();
    const tokens = await tokensOf(email, password);

    await expect(
      idp.changePassword(tokens.accessToken, 'Not-The-Password-1', 'Next-Password-2027'),
    ).rejects.toMatchObject({ reason: 'invalid_credentials' });
    await idp.changePassword(tokens.accessToken, password, 'Next-Password-2027');
    await expect(tokensOf(email, 'Next-Password-2027')).resolves.toBeDefined();
  });
});

describe('cognitoIdentityAdmin against cognito-local', () => {
  it('disables and enables an account and manages its groups', async () => {
    const { email, password } = await confirmedAccount();
    const { userId } = (await admin.findAccount(email))!;

    await admin.addToGroup(userId, 'auditor');
    const withGroup = await tokensOf(email, password);
    await admin.removeFromGroup(userId, 'auditor');
    await admin.disable(userId);
    const disabled = await admin.findAccount(email);
    await admin.enable(userId);

    expect(withGroup.groups).toContain('auditor');
    expect(disabled?.enabled).toBe(false);
    expect((await admin.findAccount(email))?.enabled).toBe(true);
    expect((await tokensOf(email, password)).groups).not.toContain('auditor');
  });

  it('reports that the emulator cannot sign a user out everywhere', async () => {
    const { email } = await confirmedAccount();
    const { userId } = (await admin.findAccount(email))!;

    expect(await admin.signOutEverywhere(userId)).toBe(false);
  });

  it('deletes an unconfirmed sign-up and finds nothing for an unknown address', async () => {
    const email = `unconfirmed-${randomUUID()}@example.com`;
    await idp.signUp(email, 'Pending-Pass-2026', undefined);

    expect((await admin.findAccount(email))?.confirmed).toBe(false);
    await admin.deleteAccount(email);
    expect(await admin.findAccount(email)).toBeUndefined();
  });

  it('deletes an account a concurrent sign-up already deleted without an error', async () => {
    const email = `raced-${randomUUID()}@example.com`;
    await idp.signUp(email, 'Pending-Pass-2026', undefined);
    await admin.deleteAccount(email);

    await expect(admin.deleteAccount(email)).resolves.toBeUndefined();
  });
});
