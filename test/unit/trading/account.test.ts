import './support/env';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  depositRoute as depositContract,
  withdrawRoute as withdrawContract,
} from '../../../shared/contracts/trading-account';
import { apiHandler } from '../../../shared/http/api-handler';
import { parseDecimal } from '../../../shared/domain/money';
import type { BalanceSnapshot } from '../../../shared/trading/balance-writes';
import type { WithdrawalItem } from '../../../shared/trading/withdrawal-items';
import { depositRoute } from '../../../functions/balances/deposit.handler';
import { withdrawRoute } from '../../../functions/balances/withdraw.handler';
import { withdraw, type WithdrawDeps } from '../../../functions/balances/withdraw';
import type {
  BalanceStore,
  StepUpVerifier,
  WithdrawalRequest,
  WithdrawalStore,
} from '../../../functions/balances/ports';
import type { Caller } from '../../../functions/balances/caller';
import { InsufficientBalanceError } from '../../../shared/domain/errors';
import { InMemoryAuditLog } from '../../support/fakes/in-memory-audit-log';
import { FakeClock, FakeProfiles, silentLogger } from './support/fakes';
import { invoke } from './support/requests';

const caller: Caller = {
  userId: 'user-1',
  admin: false,
  sourceIp: '203.0.113.7',
  userAgent: 'vitest',
  requestId: 'req-1',
};
const BTC = (text: string) => parseDecimal(text, 8);
const address = 'bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq';

class RecordingWithdrawals implements WithdrawalStore {
  readonly requests: WithdrawalRequest[] = [];
  async request(request: WithdrawalRequest): Promise<WithdrawalItem> {
    this.requests.push(request);
    return {
      id: request.withdrawalId,
      user_id: request.userId,
      asset: request.asset,
      amount: request.amount,
      address: request.address,
      status: 'PENDING',
      reason: null,
      decided_by: null,
      decided_at: null,
      created_at: request.at,
      updated_at: request.at,
    };
  }
  decide = async (): Promise<WithdrawalItem> => {
    throw new Error('not used');
  };
  list = async () => ({ items: [], nextCursor: null });
}

/** Balance reads of one account: `available` of every asset. */
const holding = (available: bigint): BalanceStore => {
  const unused = async (): Promise<never> => {
    throw new Error('not used');
  };
  const snapshot = (userId: string, asset: string) =>
    ({ userId, asset, available, locked: 0n, version: 1n }) as const;
  return {
    get: async (userId, asset) => snapshot(userId, asset),
    list: async (userId) => [snapshot(userId, 'BTC')],
    deposit: unused,
    adjust: unused,
  };
};

let withdrawals: RecordingWithdrawals;
let profiles: FakeProfiles;
let audit: InMemoryAuditLog;
let deps: WithdrawDeps;
/** A VALIDATION_ERROR with a field whose message matches. */
const fieldProblem = (field: string, message: RegExp) =>
  expect.objectContaining({
    code: 'VALIDATION_ERROR',
    fields: expect.arrayContaining([
      expect.objectContaining({ field, message: expect.stringMatching(message) }),
    ]),
  });
const verifier = (code: string): StepUpVerifier => ({
  verify: async (_user, given) => given === code,
});

beforeEach(() => {
  withdrawals = new RecordingWithdrawals();
  profiles = new FakeProfiles();
  audit = new InMemoryAuditLog();
  profiles.profiles.set('user-1', { status: 'ACTIVE', kycLevel: 1, feeTier: 1, mfaEnabled: true });
  deps = {
    profiles,
    balances: holding(BTC('1')),
    withdrawals,
    stepUp: verifier('123456'),
    audit,
    clock: new FakeClock(),
    newId: () => crypto.randomUUID(),
  };
});

describe('withdraw', () => {
  it('locks the amount of an MFA account that sends a valid code, within its KYC limit', async () => {
    const result = await withdraw(deps, caller, {
      asset: 'BTC',
      amount: '0.5',
      address,
      mfa_code: '123456',
    });

    expect(result.status).toBe('PENDING');
    expect(withdrawals.requests[0]).toMatchObject({ amount: BTC('0.5'), dailyLimit: BTC('2') });
    expect(audit.actions()).toEqual(['withdrawal.requested']);
  });

  it('asks an MFA account for its code', async () => {
    await expect(withdraw(deps, caller, { asset: 'BTC', amount: '0.5', address })).rejects.toThrow(
      expect.objectContaining({
        code: 'PERMISSION_DENIED',
        details: { reason: 'mfa_code_required' },
        message: expect.stringMatching(/send mfa_code/),
      }),
    );
    expect(withdrawals.requests).toHaveLength(0);
  });

  it('refuses a wrong code and audits the denial', async () => {
    await expect(
      withdraw(deps, caller, { asset: 'BTC', amount: '0.5', address, mfa_code: '654321' }),
    ).rejects.toThrow(
      expect.objectContaining({
        code: 'PERMISSION_DENIED',
        details: { reason: 'mfa_code_invalid' },
        message: expect.stringMatching(/wrong or was already used/),
      }),
    );
    expect(audit.entries[0]).toMatchObject({ action: 'withdrawal.requested', result: 'denied' });
    expect(withdrawals.requests).toHaveLength(0);
  });

  it('refuses an amount beyond the balance before it checks, and so spends, the code', async () => {
    const checked: string[] = [];
    const stepUp: StepUpVerifier = {
      verify: async (_user, code) => (checked.push(code), code === '123456'),
    };
    const body = { asset: 'BTC', address, mfa_code: '123456' };

    const refused = withdraw({ ...deps, stepUp }, caller, { ...body, amount: '1.5' });

    await expect(refused).rejects.toThrow(InsufficientBalanceError);
    expect(checked).toEqual([]);
    expect(withdrawals.requests).toHaveLength(0);
  });

  it('fails closed for an MFA account when no step-up verifier exists', async () => {
    await expect(
      withdraw({ ...deps, stepUp: undefined }, caller, {
        asset: 'BTC',
        amount: '0.5',
        address,
        mfa_code: '123456',
      }),
    ).rejects.toThrow(/not available/);
    expect(withdrawals.requests).toHaveLength(0);
  });

  it('lets an account without MFA withdraw without a code', async () => {
    profiles.profiles.set('user-1', {
      status: 'ACTIVE',
      kycLevel: 1,
      feeTier: 1,
      mfaEnabled: false,
    });

    const result = await withdraw({ ...deps, stepUp: undefined }, caller, {
      asset: 'ETH',
      amount: '1',
      address: '0x52908400098527886E0F7030069857D2E4169EE7',
    });

    expect(result.asset).toBe('ETH');
  });

  it.each([
    [
      { asset: 'BTC', amount: '0.5', address: '0x52908400098527886E0F7030069857D2E4169EE7' },
      'address',
      /Bitcoin address/,
    ],
    [{ asset: 'BTC', amount: '3', address }, 'amount', /daily limit of 2 BTC/],
    [{ asset: 'BTC', amount: '0.000000001', address }, 'amount', /decimal places/],
    [{ asset: 'XRP', amount: '1', address }, 'asset', /Unknown asset/],
    [{ asset: 'BTC', amount: '0', address }, 'amount', /greater than zero/],
  ])('refuses %j naming %s', async (body, field, message) => {
    await expect(withdraw(deps, caller, { ...body, mfa_code: '123456' })).rejects.toThrow(
      fieldProblem(field, message),
    );
    expect(withdrawals.requests).toHaveLength(0);
  });

  it('refuses KYC level 0 and inactive accounts', async () => {
    profiles.profiles.set('user-1', {
      status: 'ACTIVE',
      kycLevel: 0,
      feeTier: 1,
      mfaEnabled: false,
    });
    await expect(withdraw(deps, caller, { asset: 'BTC', amount: '0.1', address })).rejects.toThrow(
      /higher KYC level/,
    );
    profiles.profiles.set('user-1', {
      status: 'SUSPENDED',
      kycLevel: 3,
      feeTier: 1,
      mfaEnabled: false,
    });
    await expect(withdraw(deps, caller, { asset: 'BTC', amount: '0.1', address })).rejects.toThrow(
      /not active/,
    );
  });
});

describe('POST /api/account/withdraw', () => {
  it('refuses an API key even with the trade scope', async () => {
    const handler = apiHandler(withdrawContract, withdrawRoute(deps), silentLogger);

    const answer = await invoke(handler, {
      method: 'POST',
      path: '/api/account/withdraw',
      body: { asset: 'BTC', amount: '0.1', address, mfa_code: '123456' },
      authType: 'api_key',
    });

    expect(answer.status).toBe(403);
    expect(withdrawals.requests).toHaveLength(0);
  });
});

describe('POST /api/account/deposit', () => {
  const deposited: BalanceSnapshot[] = [];
  const balances: BalanceStore = {
    get: async () => {
      throw new Error('not used');
    },
    list: async () => [],
    deposit: async (request) => {
      const balance = {
        userId: request.userId,
        asset: request.asset,
        available: request.amount,
        locked: 0n,
        version: 1n,
      };
      deposited.push(balance);
      return balance;
    },
    adjust: async () => {
      throw new Error('not used');
    },
  };
  const handlerWith = (sandbox: boolean) =>
    apiHandler(
      depositContract,
      depositRoute({
        sandbox,
        profiles: new FakeProfiles(),
        balances,
        audit: new InMemoryAuditLog(),
        clock: new FakeClock(),
        newId: () => crypto.randomUUID(),
      }),
      silentLogger,
    );

  it('does not exist outside a sandbox', async () => {
    const answer = await invoke(handlerWith(false), {
      method: 'POST',
      path: '/api/account/deposit',
      body: { asset: 'USDT', amount: '100' },
    });

    expect(answer.status).toBe(404);
    expect(deposited).toHaveLength(0);
  });

  it('credits the caller in a sandbox and answers the balance', async () => {
    const answer = await invoke(handlerWith(true), {
      method: 'POST',
      path: '/api/account/deposit',
      body: { asset: 'USDT', amount: '100.5' },
    });

    expect(answer.status).toBe(200);
    expect(answer.body.data).toEqual({ asset: 'USDT', available: '100.5', locked: '0' });
  });
});
