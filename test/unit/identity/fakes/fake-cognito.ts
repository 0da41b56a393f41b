import {
  IdentityProviderError,
  type IdentityAdmin,
  type IdentityProvider,
  type IssuedTokens,
  type PasswordAuthResult,
  type ProviderAccount,
} from '../../../../functions/users/identity-provider';
import type { Clock } from '../../../../functions/users/ports';

interface Account {
  userId: string;
  email: string;
  password: string;
  confirmed: boolean;
  enabled: boolean;
  preferredUsername: string | null;
  code: string | undefined;
  resetCode: string | undefined;
  groups: Set<string>;
  totpSecret: string | undefined;
  totpVerified: boolean;
  mfaOn: boolean;
}

const refuse = (reason: IdentityProviderError['reason']): never => {
  throw new IdentityProviderError(reason);
};

/**
 * An in-memory Cognito with the behaviours the use cases rely on: codes are `mailedCode`,
 * the one valid TOTP code is `validTotp`, tokens are numbered strings.
 */
export class FakeCognito implements IdentityProvider, IdentityAdmin {
  readonly accounts = new Map<string, Account>();
  readonly calls: string[] = [];
  readonly revokedRefreshTokens: string[] = [];
  mailedCode = '123456';
  validTotp = '654321';
  private readonly accessTokens = new Map<string, string>();
  private readonly refreshTokens = new Map<string, string>();
  private readonly challenges = new Map<string, string>();
  private serial = 0;

  constructor(private readonly clock: Clock) {}

  /** A confirmed account, as after sign-up and confirmation (or the seeded admin). */
  seed(email: string, password: string, groups: string[] = ['trader']): Account {
    this.serial += 1;
    const account: Account = {
      userId: `00000000-0000-4000-8000-${String(this.serial).padStart(12, '0')}`,
      email,
      password,
      confirmed: true,
      enabled: true,
      preferredUsername: null,
      code: undefined,
      resetCode: undefined,
      groups: new Set(groups),
      totpSecret: undefined,
      totpVerified: false,
      mfaOn: false,
    };
    this.accounts.set(email, account);
    return account;
  }

  private issue(account: Account, withRefresh = true): IssuedTokens {
    this.serial += 1;
    const accessToken = `access-${this.serial}`;
    const refreshToken = withRefresh ? `refresh-${this.serial}` : undefined;
    this.accessTokens.set(accessToken, account.email);
    if (refreshToken !== undefined) this.refreshTokens.set(refreshToken, account.email);
    return {
      accessToken,
      idToken: `id-${this.serial}`,
      refreshToken,
      userId: account.userId,
      tokenId: `jti-${this.serial}`,
      groups: [...account.groups],
      expiresIn: 900,
      expiresAt: new Date(this.clock.now().getTime() + 900_000).toISOString(),
    };
  }

  private byToken(accessToken: string): Account {
    const email = this.accessTokens.get(accessToken);
    const account = email === undefined ? undefined : this.accounts.get(email);
    return account ?? refuse('invalid_credentials');
  }

  async signUp(email: string, password: string, username: string | undefined) {
    this.calls.push(`signUp ${email}`);
    if (this.accounts.has(email)) refuse('account_exists');
    const account = this.seed(email, password, []);
    account.confirmed = false;
    account.code = this.mailedCode;
    account.preferredUsername = username ?? null;
    return account.userId;
  }

  async confirmSignUp(email: string, code: string) {
    const account = this.accounts.get(email);
    if (account === undefined || account.confirmed || account.code !== code) {
      refuse('code_mismatch');
    }
    account!.confirmed = true;
  }

  async passwordAuth(email: string, password: string): Promise<PasswordAuthResult> {
    const account = this.accounts.get(email);
    if (account === undefined || account.password !== password) refuse('invalid_credentials');
    if (!account!.confirmed) refuse('not_confirmed');
    if (account!.mfaOn) {
      const session = `challenge-${(this.serial += 1)}`;
      this.challenges.set(session, email);
      return { kind: 'mfa', session };
    }
    return { kind: 'tokens', tokens: this.issue(account!) };
  }

  async answerTotpChallenge(email: string, session: string, code: string) {
    if (this.challenges.get(session) !== email) refuse('challenge_expired');
    if (code !== this.validTotp) refuse('code_mismatch');
    this.challenges.delete(session);
    return this.issue(this.accounts.get(email)!);
  }

  async refresh(refreshToken: string) {
    const email = this.refreshTokens.get(refreshToken);
    if (email === undefined) refuse('invalid_credentials');
    return this.issue(this.accounts.get(email!)!, false);
  }

  async revokeRefreshToken(refreshToken: string) {
    this.revokedRefreshTokens.push(refreshToken);
    this.refreshTokens.delete(refreshToken);
  }

  async changePassword(accessToken: string, previous: string, proposed: string) {
    const account = this.byToken(accessToken);
    if (account.password !== previous) refuse('invalid_credentials');
    account.password = proposed;
  }

  async forgotPassword(email: string) {
    const account = this.accounts.get(email) ?? refuse('not_found');
    account.resetCode = this.mailedCode;
  }

  async confirmForgotPassword(email: string, code: string, password: string) {
    const account = this.accounts.get(email);
    if (account?.resetCode === undefined || account.resetCode !== code) refuse('code_mismatch');
    account!.password = password;
    account!.resetCode = undefined;
  }

  async associateTotp(accessToken: string) {
    const account = this.byToken(accessToken);
    account.totpSecret = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
    account.totpVerified = false;
    return account.totpSecret;
  }

  async verifyTotp(accessToken: string, code: string) {
    const account = this.byToken(accessToken);
    if (account.totpSecret === undefined) refuse('not_found');
    if (code !== this.validTotp) refuse('code_mismatch');
    account.totpVerified = true;
  }

  async setTotpMfa(accessToken: string, enabled: boolean) {
    const account = this.byToken(accessToken);
    if (enabled && !account.totpVerified) refuse('not_found');
    account.mfaOn = enabled;
  }

  async findAccount(email: string): Promise<ProviderAccount | undefined> {
    const a = this.accounts.get(email);
    if (a === undefined) return undefined;
    return {
      userId: a.userId,
      email: a.email,
      preferredUsername: a.preferredUsername,
      confirmed: a.confirmed,
      enabled: a.enabled,
    };
  }

  private byId(userId: string): Account {
    const account = [...this.accounts.values()].find((a) => a.userId === userId);
    if (account === undefined) throw new Error(`no account ${userId}`);
    return account;
  }

  async deleteAccount(email: string) {
    this.calls.push(`deleteAccount ${email}`);
    this.accounts.delete(email);
  }

  async addToGroup(userId: string, group: string) {
    this.byId(userId).groups.add(group);
  }

  async removeFromGroup(userId: string, group: string) {
    this.byId(userId).groups.delete(group);
  }

  async disable(userId: string) {
    this.calls.push(`disable ${userId}`);
    this.byId(userId).enabled = false;
  }

  async enable(userId: string) {
    this.calls.push(`enable ${userId}`);
    this.byId(userId).enabled = true;
  }

  async signOutEverywhere(userId: string) {
    this.calls.push(`signOutEverywhere ${userId}`);
    return false;
  }
}
