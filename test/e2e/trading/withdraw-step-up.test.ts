import { setTimeout as sleep } from 'node:timers/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import { send } from '../../support/api';
import { signInNewMember, signInNewUser, type SignedInUser } from '../../support/users';
import { codeAfterSpent, totp } from '../identity/support/totp';

const address = 'bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq';

/** The current code, waiting into the next 30 s step when this one is about to end. */
async function freshCode(secret: string): Promise<string> {
  const intoStep = Date.now() % 30_000;
  if (intoStep > 25_000) await sleep(30_000 - intoStep + 100);
  return totp(secret);
}

/** A code that is none of the window's valid ones. */
const wrongCode = (secret: string): string => {
  const valid = new Set([-30_000, 0, 30_000].map((offset) => totp(secret, Date.now() + offset)));
  return ['000000', '111111', '222222', '333333'].find((code) => !valid.has(code))!;
};

const withdrawal = (mfaCode?: string) => ({
  asset: 'BTC',
  amount: '0.01',
  address,
  ...(mfaCode === undefined ? {} : { mfa_code: mfaCode }),
});

let trader: SignedInUser;
let secret: string;
/** When confirm-2fa spent the codes current then. */
let confirmedAt: number;

beforeAll(async () => {
  trader = await signInNewUser('step-up');
  const admin = await signInNewMember(['admin'], 'step-up-admin');
  const kyc = await send('PUT', `/admin/users/${trader.userId}/kyc`, admin.accessToken, {
    kyc_level: 1,
    reason: 'step-up e2e: withdrawals need KYC level 1',
  });
  const funded = await send('POST', '/account/deposit', trader.accessToken, {
    asset: 'BTC',
    amount: '0.1',
  });
  expect([kyc.status, funded.status]).toEqual([200, 200]);
});

describe('withdrawals of an account with two-factor authentication', () => {
  it('turns two-factor on with a code computed from the secret the API returned', async () => {
    const enabled = await send('POST', '/auth/enable-2fa', trader.accessToken, {});
    secret = enabled.body.data.secret;

    const confirmed = await send('POST', '/auth/confirm-2fa', trader.accessToken, {
      code: await freshCode(secret),
    });
    confirmedAt = Date.now();

    expect(enabled.status).toBe(200);
    expect(confirmed.body).toEqual({ success: true, data: { mfa_enabled: true } });
  });

  it('refuses a withdrawal without a code with 403', async () => {
    const answer = await send('POST', '/account/withdraw', trader.accessToken, withdrawal());

    expect(answer.status).toBe(403);
    expect(answer.body.error).toMatchObject({
      code: 'PERMISSION_DENIED',
      details: { reason: 'mfa_code_required' },
    });
  });

  it('refuses a wrong code with 403', async () => {
    const answer = await send(
      'POST',
      '/account/withdraw',
      trader.accessToken,
      withdrawal(wrongCode(secret)),
    );

    expect(answer.status).toBe(403);
    expect(answer.body.error).toMatchObject({
      code: 'PERMISSION_DENIED',
      message: expect.stringMatching(/wrong or was already used/),
      details: { reason: 'mfa_code_invalid' },
    });
  });

  it('accepts a current code once: the withdrawal is PENDING, the same code again is 403', async () => {
    const code = await codeAfterSpent(secret, confirmedAt);

    const accepted = await send('POST', '/account/withdraw', trader.accessToken, withdrawal(code));
    const replayed = await send('POST', '/account/withdraw', trader.accessToken, withdrawal(code));
    const balance = await send('GET', '/account/balances/BTC', trader.accessToken);

    expect(accepted.status, JSON.stringify(accepted.body)).toBe(201);
    expect(accepted.body.data).toMatchObject({ status: 'PENDING', asset: 'BTC', amount: '0.01' });
    expect(replayed.status).toBe(403);
    expect(replayed.body.error.details).toEqual({ reason: 'mfa_code_invalid' });
    expect(balance.body.data).toEqual({ asset: 'BTC', available: '0.09', locked: '0.01' });
  });

  it('never returns the sealed secret, nor the secret again, from the profile', async () => {
    const profile = await send('GET', '/auth/profile', trader.accessToken);

    expect(profile.body.data.mfa_enabled).toBe(true);
    expect(JSON.stringify(profile.body)).not.toContain(secret);
  });
});
