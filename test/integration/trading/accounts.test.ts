import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NotFoundError, PermissionDeniedError } from '../../../shared/domain/errors';
import { parseDecimal } from '../../../shared/domain/money';
import { ledgerItemSchema } from '../../../shared/trading/balance-items';
import { accountPk, balanceKey, counterKey } from '../../../shared/trading/keys';
import { deposit } from '../../../functions/balances/deposit';
import { withdraw } from '../../../functions/balances/withdraw';
import { adjustBalance } from '../../../functions/admin-trading/adjust-balance';
import { decideWithdrawal } from '../../../functions/admin-trading/decide-withdrawal';
import { balanceView } from '../../../functions/balances/views';
import { createTradingWorld, newCaller, writeProfile, type TradingWorld } from './support';

const units = (text: string) => parseDecimal(text, 8);
const btcAddress = 'bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq';
let world: TradingWorld;

beforeAll(async () => {
  world = await createTradingWorld();
});
afterAll(async () => {
  await world.destroy();
});

/** Every ledger entry of a user, oldest first. */
async function ledgerOf(userId: string) {
  const { Items = [] } = await world.documents.send(
    new QueryCommand({
      TableName: world.tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :ledger)',
      ExpressionAttributeValues: { ':pk': accountPk(userId), ':ledger': 'LEDGER#' },
      ConsistentRead: true,
    }),
  );
  return Items.map((item) => ledgerItemSchema.parse(item));
}

describe('balances on DynamoDB', () => {
  it('stores and reads back a balance above 2^53 minor units exactly', async () => {
    const admin = newCaller();
    const user = newCaller();

    await adjustBalance(world.account, admin, user.userId, {
      asset: 'USDT',
      amount: '123456789.12345678',
      reason: 'migration from the old ledger',
    });
    const balance = await world.account.balances.get(user.userId, 'USDT');
    const key = balanceKey(user.userId, 'USDT');
    const { Item } = await world.clients.dynamodb.send(
      new GetItemCommand({
        TableName: world.tableName,
        Key: { pk: { S: key.pk }, sk: { S: key.sk } },
      }),
    );

    expect(balance.available).toBe(12_345_678_912_345_678n);
    expect(balance.available > BigInt(Number.MAX_SAFE_INTEGER)).toBe(true);
    expect(balanceView(balance).available).toBe('123456789.12345678');
    expect(Item?.['available']).toEqual({ N: '12345678912345678' });
  });

  it.each(['FEES', 'FEES-btc', 'FEES-BTC'])(
    'refuses to adjust the fee account id %s as no user, writing nothing',
    async (feeAccount) => {
      const adjust = { asset: 'BTC', amount: '1', reason: 'sweep' };

      const attempt = adjustBalance(world.account, newCaller(), feeAccount, adjust);

      await expect(attempt).rejects.toThrow(NotFoundError);
      expect(await ledgerOf(feeAccount)).toEqual([]);
    },
  );

  it('caps the faucet per asset per day and writes nothing beyond the cap', async () => {
    const user = newCaller();

    await deposit(world.account, user, { asset: 'BTC', amount: '0.6' });
    await deposit(world.account, user, { asset: 'BTC', amount: '0.4' });
    await expect(
      deposit(world.account, user, { asset: 'BTC', amount: '0.00000001' }),
    ).rejects.toThrow(/cap/);
    await expect(deposit(world.account, user, { asset: 'BTC', amount: '1.5' })).rejects.toThrow(
      /cap/,
    );

    expect((await world.account.balances.get(user.userId, 'BTC')).available).toBe(units('1'));
    expect(await ledgerOf(user.userId)).toHaveLength(2);
  });

  it('refuses a movement too large for a balance before DynamoDB sees it', async () => {
    const user = newCaller();
    const huge = `${'9'.repeat(30)}.${'9'.repeat(8)}`;

    const credit = adjustBalance(world.account, newCaller(), user.userId, {
      asset: 'USDT',
      amount: huge,
      reason: 'review probe',
    });
    const debit = adjustBalance(world.account, newCaller(), user.userId, {
      asset: 'USDT',
      amount: `-${huge}`,
      reason: 'review probe',
    });
    const tooLarge = expect.objectContaining({
      code: 'VALIDATION_ERROR',
      fields: [expect.objectContaining({ field: 'amount', message: 'Is too large' })],
    });

    await expect(credit).rejects.toThrow(tooLarge);
    await expect(debit).rejects.toThrow(tooLarge);
    await expect(deposit(world.account, user, { asset: 'USDT', amount: huge })).rejects.toThrow(
      tooLarge,
    );
  });

  it('never takes an admin debit below zero', async () => {
    const admin = newCaller();
    const user = newCaller();
    await deposit(world.account, user, { asset: 'ETH', amount: '1' });

    await expect(
      adjustBalance(world.account, admin, user.userId, {
        asset: 'ETH',
        amount: '-1.00000001',
        reason: 'chargeback',
      }),
    ).rejects.toThrow(expect.objectContaining({ code: 'INSUFFICIENT_BALANCE' }));
    const after = await adjustBalance(world.account, admin, user.userId, {
      asset: 'ETH',
      amount: '-1',
      reason: 'chargeback',
    });

    expect(after.available).toBe(0n);
    expect((await ledgerOf(user.userId)).map((e) => e.memo ?? null)).toEqual([null, 'chargeback']);
  });
});

describe('withdrawals on DynamoDB', () => {
  it('locks on request, debits on approval and counts the amount as withdrawn', async () => {
    const user = newCaller();
    const admin = newCaller();
    await writeProfile(world, user.userId, { kyc_level: 1 });
    await deposit(world.account, user, { asset: 'BTC', amount: '1' });
    const before = await world.clients.documents.send(
      new GetCommand({ TableName: world.tableName, Key: counterKey('BTC'), ConsistentRead: true }),
    );

    const requested = await withdraw(world.account, user, {
      asset: 'BTC',
      amount: '0.4',
      address: btcAddress,
    });
    const locked = await world.account.balances.get(user.userId, 'BTC');
    const pending = await world.account.withdrawals.list('PENDING', { limit: 100 });
    const approved = await decideWithdrawal(world.account, admin, requested.id, true, undefined);
    const after = await world.account.balances.get(user.userId, 'BTC');
    const counter = await world.clients.documents.send(
      new GetCommand({ TableName: world.tableName, Key: counterKey('BTC'), ConsistentRead: true }),
    );

    expect(locked).toMatchObject({ available: units('0.6'), locked: units('0.4') });
    expect(pending.items.map((w) => w.id)).toContain(requested.id);
    expect(approved.status).toBe('APPROVED');
    expect(after).toMatchObject({ available: units('0.6'), locked: 0n });
    expect(
      Number(counter.Item?.['withdrawals'] ?? 0) - Number(before.Item?.['withdrawals'] ?? 0),
    ).toBe(40_000_000);
    await expect(
      decideWithdrawal(world.account, admin, requested.id, false, 'late'),
    ).rejects.toThrow(/already APPROVED/);
  });

  it('lets another admin, never the requester, approve a withdrawal (four eyes)', async () => {
    const officer = newCaller();
    await writeProfile(world, officer.userId, { kyc_level: 1 });
    await deposit(world.account, officer, { asset: 'BTC', amount: '1' });
    const requested = await withdraw(world.account, officer, {
      asset: 'BTC',
      amount: '0.4',
      address: btcAddress,
    });

    await expect(
      decideWithdrawal(world.account, officer, requested.id, true, undefined),
    ).rejects.toThrow(PermissionDeniedError);
    await expect(
      adjustBalance(world.account, officer, officer.userId, {
        asset: 'BTC',
        amount: '5',
        reason: 'self-credit',
      }),
    ).rejects.toThrow(PermissionDeniedError);
    const untouched = await world.account.balances.get(officer.userId, 'BTC');
    const cancelled = await decideWithdrawal(world.account, officer, requested.id, false, 'mine');

    expect(untouched).toMatchObject({ available: units('0.6'), locked: units('0.4') });
    expect(cancelled.status).toBe('REJECTED');
    expect(await world.account.balances.get(officer.userId, 'BTC')).toMatchObject({
      available: units('1'),
      locked: 0n,
    });
  });

  it('unlocks on rejection and gives the day’s limit back', async () => {
    const user = newCaller();
    await writeProfile(world, user.userId, { kyc_level: 1 });
    await deposit(world.account, user, { asset: 'BTC', amount: '1' });
    await world.account.balances.adjust({
      userId: user.userId,
      asset: 'BTC',
      amount: units('2'),
      reason: 'top up',
      adjustmentId: world.account.newId(),
      at: world.clock.now().toISOString(),
    });

    const first = await withdraw(world.account, user, {
      asset: 'BTC',
      amount: '2',
      address: btcAddress,
    });
    await expect(
      withdraw(world.account, user, { asset: 'BTC', amount: '0.5', address: btcAddress }),
    ).rejects.toThrow(/daily withdrawal limit/);
    await decideWithdrawal(
      world.account,
      newCaller(),
      first.id,
      false,
      'address on a sanctions list',
    );
    const second = await withdraw(world.account, user, {
      asset: 'BTC',
      amount: '0.5',
      address: btcAddress,
    });

    expect(second.status).toBe('PENDING');
    expect(await world.account.balances.get(user.userId, 'BTC')).toMatchObject({
      available: units('2.5'),
      locked: units('0.5'),
    });
  });

  it('refuses to lock more than is available and writes nothing', async () => {
    const user = newCaller();
    await writeProfile(world, user.userId, { kyc_level: 2 });
    await deposit(world.account, user, { asset: 'BTC', amount: '0.1' });

    await expect(
      withdraw(world.account, user, { asset: 'BTC', amount: '0.2', address: btcAddress }),
    ).rejects.toThrow(expect.objectContaining({ code: 'INSUFFICIENT_BALANCE' }));
    expect(await world.account.balances.get(user.userId, 'BTC')).toMatchObject({
      available: units('0.1'),
      locked: 0n,
    });
  });

  it('refuses an MFA account while no step-up verifier is configured', async () => {
    const user = newCaller();
    await writeProfile(world, user.userId, { kyc_level: 1, mfa_enabled: true });
    await deposit(world.account, user, { asset: 'BTC', amount: '0.1' });

    await expect(
      withdraw(world.account, user, {
        asset: 'BTC',
        amount: '0.1',
        address: btcAddress,
        mfa_code: '123456',
      }),
    ).rejects.toThrow(expect.objectContaining({ code: 'PERMISSION_DENIED' }));
  });
});

describe('ledger', () => {
  it('sums to every balance after deposits, adjustments and withdrawals', async () => {
    const user = newCaller();
    await writeProfile(world, user.userId, { kyc_level: 1 });
    await deposit(world.account, user, { asset: 'USDT', amount: '500' });
    await adjustBalance(world.account, newCaller(), user.userId, {
      asset: 'USDT',
      amount: '-0.5',
      reason: 'fee correction',
    });
    const w = await withdraw(world.account, user, {
      asset: 'USDT',
      amount: '100',
      address: '0x52908400098527886E0F7030069857D2E4169EE7',
    });
    await withdraw(world.account, user, {
      asset: 'USDT',
      amount: '50',
      address: '0x52908400098527886E0F7030069857D2E4169EE7',
    });
    await decideWithdrawal(world.account, newCaller(), w.id, true, undefined);

    const entries = await ledgerOf(user.userId);
    const balance = await world.account.balances.get(user.userId, 'USDT');
    const page = await world.account.history.ledger(user.userId, { limit: 2 });
    const rest = await world.account.history.ledger(user.userId, {
      limit: 10,
      cursor: page.nextCursor!,
    });

    expect(entries.reduce((sum, e) => sum + e.amount, 0n)).toBe(balance.available + balance.locked);
    expect(entries.reduce((sum, e) => sum + e.locked_change, 0n)).toBe(balance.locked);
    expect(entries.reduce((sum, e) => sum + e.available_change, 0n)).toBe(balance.available);
    expect(entries.at(-1)?.balance_after).toBe(balance.available + balance.locked);
    expect([...page.items, ...rest.items].map((e) => e.id)).toEqual(
      entries.map((e) => e.id).reverse(),
    );
    expect(rest.nextCursor).toBeNull();
  });
});
