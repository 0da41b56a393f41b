import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findMarket } from '../../../shared/domain/markets';
import { parseDecimal } from '../../../shared/domain/money';
import { fillAmounts } from '../../../shared/trading/fills';
import { feesAccountOf } from '../../../shared/trading/keys';
import { marketUnits } from '../../../shared/trading/market-units';
import type { BalanceChange } from '../../../shared/trading/balance-writes';
import { adjustBalance } from '../../../functions/admin-trading/adjust-balance';
import { decideWithdrawal } from '../../../functions/admin-trading/decide-withdrawal';
import { systemStats } from '../../../functions/admin-trading/system-stats';
import { deposit } from '../../../functions/balances/deposit';
import { moveMoney } from '../../../functions/balances/dynamo-movements';
import { withdraw } from '../../../functions/balances/withdraw';
import { cancelOrder } from '../../../functions/orders/cancel-order';
import { placeOrder } from '../../../functions/orders/place-order';
import { reconcileOutbox } from '../../../functions/orders/reconcile';
import { createTradingWorld, newCaller, writeProfile, type TradingWorld } from './support';

let world: TradingWorld;
beforeAll(async () => {
  world = await createTradingWorld();
});
afterAll(async () => {
  await world.destroy();
});

/**
 * One fill settled the way the matching service must: every balance once, each movement a
 * ledger entry, the fees to the fee account, all in one transaction.
 */
async function settleFill(buyer: string, seller: string, tradeId: string) {
  const units = marketUnits(findMarket('BTCUSDT')!);
  const fill = fillAmounts(units, {
    priceTicks: 3_000_000n,
    lots: 100n,
    buyerFeePpm: 1500,
    sellerFeePpm: 1000,
  });
  const ref = { type: 'TRADE' as const, id: tradeId };
  const change = (
    id: string,
    type: BalanceChange['type'],
    available: bigint,
    locked = 0n,
  ): BalanceChange => ({
    entryId: `${tradeId}-${id}`,
    type,
    availableDelta: available,
    lockedDelta: locked,
    reference: ref,
  });
  const result = await moveMoney(
    world.documents,
    world.tableName,
    [
      { userId: buyer, asset: 'USDT' },
      { userId: buyer, asset: 'BTC' },
      { userId: seller, asset: 'BTC' },
      { userId: seller, asset: 'USDT' },
      { userId: feesAccountOf('btc'), asset: 'BTC' },
      { userId: feesAccountOf('btc'), asset: 'USDT' },
    ],
    () => ({
      balanceChanges: [
        [change('b-pay', 'TRADE_DEBIT', 0n, -fill.quote)],
        [change('b-get', 'TRADE_CREDIT', fill.base), change('b-fee', 'FEE', -fill.buyerFee)],
        [change('s-pay', 'TRADE_DEBIT', 0n, -fill.base)],
        [change('s-get', 'TRADE_CREDIT', fill.quote), change('s-fee', 'FEE', -fill.sellerFee)],
        [change('f-btc', 'FEE_INCOME', fill.buyerFee)],
        [change('f-usdt', 'FEE_INCOME', fill.sellerFee)],
      ],
      items: [],
    }),
    new Date().toISOString(),
  );
  expect(result.ok).toBe(true);
}

describe('conservation', () => {
  it('holds after deposits, orders, cancels, a fill, adjustments, withdrawals and an unsent order', async () => {
    const alice = newCaller();
    const bob = newCaller();
    const admin = newCaller();
    await writeProfile(world, alice.userId, { kyc_level: 1 });
    await writeProfile(world, bob.userId, { kyc_level: 1 });
    await deposit(world.account, alice, { asset: 'USDT', amount: '1000' });
    await deposit(world.account, bob, { asset: 'BTC', amount: '0.5' });
    await deposit(world.account, bob, { asset: 'ETH', amount: '3' });
    await adjustBalance(world.account, admin, alice.userId, {
      asset: 'USDT',
      amount: '250.5',
      reason: 'bonus',
    });
    await adjustBalance(world.account, admin, bob.userId, {
      asset: 'ETH',
      amount: '-1',
      reason: 'reversal',
    });
    const buy = await placeOrder(world.orders, alice, {
      symbol: 'BTCUSDT',
      side: 'BUY',
      type: 'LIMIT',
      price: '30000',
      quantity: '0.001',
    });
    await placeOrder(world.orders, bob, {
      symbol: 'BTCUSDT',
      side: 'SELL',
      type: 'LIMIT',
      price: '30000',
      quantity: '0.001',
    });
    const resting = await placeOrder(world.orders, alice, {
      symbol: 'BTCUSDT',
      side: 'BUY',
      type: 'LIMIT',
      price: '20000',
      quantity: '0.002',
    });
    await cancelOrder(world.orders, alice, resting.order.id);
    await settleFill(alice.userId, bob.userId, buy.order.id);
    const out = await withdraw(world.account, bob, {
      asset: 'BTC',
      amount: '0.1',
      address: 'bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq',
    });
    const back = await withdraw(world.account, alice, {
      asset: 'USDT',
      amount: '100',
      address: '0x52908400098527886E0F7030069857D2E4169EE7',
    });
    await decideWithdrawal(world.account, admin, out.id, true, undefined);
    await decideWithdrawal(world.account, admin, back.id, false, 'wrong network');
    world.queue.failing = true;
    await placeOrder(world.orders, bob, {
      symbol: 'ETHUSDT',
      side: 'SELL',
      type: 'LIMIT',
      price: '2000',
      quantity: '0.5',
    });
    world.clock.offsetMs = 300_000;
    await reconcileOutbox(world.orders);
    world.clock.offsetMs = 0;
    world.queue.failing = false;

    const stats = await systemStats(world.admin.totals);

    expect(Object.values(stats).every((asset) => asset.conserved)).toBe(true);
    expect(stats['USDT']).toMatchObject({
      deposits: '1250.5',
      withdrawals: '0',
      fees_collected: '0.03',
      total_locked: '40',
    });
    expect(stats['BTC']).toMatchObject({
      deposits: '0.5',
      withdrawals: '0.1',
      fees_collected: '0.0000015',
      total_locked: '0',
    });
    expect(stats['ETH']).toMatchObject({
      deposits: '3',
      withdrawals: '1',
      total_locked: '0.5',
      total_available: '1.5',
    });
    expect(parseDecimal(stats['USDT']!.total_available, 8)).toBe(parseDecimal('1210.47', 8));
  });
});
