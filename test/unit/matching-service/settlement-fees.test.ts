import { describe, expect, it } from 'vitest';
import type { BookEvent } from '../../../matching-service/src/engine';
import { planSettlement } from '../../../matching-service/src/settlement/plan';
import type { SettlementMarket } from '../../../matching-service/src/settlement/types';
import { findMarket } from '../../../shared/domain/markets';
import type { TransactItem, TransactPut } from '../../../shared/trading/balance-writes';
import { marketUnits } from '../../../shared/trading/market-units';
import type { OrderItem } from '../../../shared/trading/order-items';
import { pendingLimitOrder } from '../../support/order-items';

// BTCUSDT: tick 0.01 USDT, lot 0.00001 BTC; both assets have 8 decimals, so one lot is 1 000
// BTC minor units and one tick×lot is 10 USDT minor units. Neither is a multiple of 10^6 / 100,
// so fees at whole-basis-point rates still round.
const market: SettlementMarket = {
  units: marketUnits(findMarket('BTCUSDT')!),
  tableName: 'Trading',
  feesAccount: 'FEES-btc',
};

// The rates placement fixed on each party's own order: the buyer is on tier 2, the seller on
// tier 5. All four differ, and differ from tier 1's 1 000 / 1 500, so taking the counterparty's
// rate, the other role's rate or one rate for everyone changes some fee below.
const buyerTier = { makerPpm: 800, takerPpm: 1_300 };
const sellerTier = { makerPpm: 200, takerPpm: 700 };

// One fill in both scenarios: 0.01237 BTC at 43 210.57 USDT.
const priceTicks = 4_321_057;
const fillLots = 1_237;
// base = 1 237 lots × 1 000 = 1 237 000 BTC minor units
const base = 1_237_000n;
// quote = 4 321 057 ticks × 1 237 lots × 10 = 53 451 475 090 USDT minor units
const quote = 53_451_475_090n;

const order = (over: Partial<OrderItem> & Pick<OrderItem, 'id' | 'user_id' | 'side'>) =>
  pendingLimitOrder({
    symbol: 'BTCUSDT',
    quantity: 2_000n,
    price: BigInt(priceTicks),
    lock_asset: over.side === 'BUY' ? 'USDT' : 'BTC',
    ...over,
  });

const bid = order({
  id: 'bid',
  user_id: 'buyer',
  side: 'BUY',
  locked: 100_000_000_000n,
  lock_remaining: 100_000_000_000n,
  maker_fee_ppm: buyerTier.makerPpm,
  taker_fee_ppm: buyerTier.takerPpm,
});
const ask = order({
  id: 'ask',
  user_id: 'seller',
  side: 'SELL',
  locked: 2_000_000n,
  lock_remaining: 2_000_000n,
  maker_fee_ppm: sellerTier.makerPpm,
  taker_fee_ppm: sellerTier.takerPpm,
});

const trade = (takerSide: 'BUY' | 'SELL'): BookEvent => {
  const [taker, maker] = takerSide === 'BUY' ? [bid, ask] : [ask, bid];
  return {
    type: 'trade',
    seq: 7,
    at: Date.parse('2026-11-24T10:00:00.000Z'),
    takerOrderId: taker.id,
    makerOrderId: maker.id,
    takerAccountId: taker.user_id,
    makerAccountId: maker.user_id,
    price: priceTicks,
    quantity: fillLots,
    takerSide,
    takerRemaining: 763,
    makerRemaining: 763,
  };
};

const settle = (takerSide: 'BUY' | 'SELL') =>
  planSettlement(market, [trade(takerSide)], new Map([bid, ask].map((o) => [o.id, o])));

type Plan = ReturnType<typeof settle>;
const changes = (plan: Plan, userId: string, asset: string) =>
  plan.moves
    .filter((m) => m.userId === userId && m.asset === asset)
    .flatMap((m) => m.changes)
    .map((c) => [c.type, c.availableDelta, c.lockedDelta]);
const tradeItems = (items: readonly TransactItem[]) =>
  items
    .flatMap((i): TransactPut['Put'][] => ('Put' in i ? [i.Put] : []))
    .map((put) => put.Item)
    .filter((item) => item['entity'] === 'TRADE');
const tradeItemOf = (plan: Plan, userId: string) =>
  tradeItems(plan.items).find((item) => item['user_id'] === userId);

describe('planSettlement fees per party', () => {
  // buyer taker: ⌈1 237 000 × 1 300 / 10^6⌉ = ⌈1 608.1⌉ = 1 609 BTC minor units
  // seller maker: ⌈53 451 475 090 × 200 / 10^6⌉ = ⌈10 690 295.018⌉ = 10 690 296 USDT minor units
  // buyer maker: ⌈1 237 000 × 800 / 10^6⌉ = ⌈989.6⌉ = 990 BTC minor units
  // seller taker: ⌈53 451 475 090 × 700 / 10^6⌉ = ⌈37 416 032.563⌉ = 37 416 033 USDT minor units
  it.each([
    {
      takerSide: 'BUY',
      buyerRole: 'TAKER',
      sellerRole: 'MAKER',
      buyerFee: 1_609n,
      sellerFee: 10_690_296n,
    },
    {
      takerSide: 'SELL',
      buyerRole: 'MAKER',
      sellerRole: 'TAKER',
      buyerFee: 990n,
      sellerFee: 37_416_033n,
    },
  ] as const)(
    'charges a $buyerRole buyer its own $buyerRole rate in BTC and the $sellerRole seller its own in USDT',
    ({ takerSide, buyerRole, sellerRole, buyerFee, sellerFee }) => {
      const plan = settle(takerSide);

      expect(changes(plan, 'buyer', 'BTC')).toEqual([
        ['TRADE_CREDIT', base, 0n],
        ['FEE', -buyerFee, 0n],
      ]);
      expect(changes(plan, 'seller', 'USDT')).toEqual([
        ['TRADE_CREDIT', quote, 0n],
        ['FEE', -sellerFee, 0n],
      ]);
      expect(changes(plan, 'FEES-btc', 'BTC')).toEqual([['FEE_INCOME', buyerFee, 0n]]);
      expect(changes(plan, 'FEES-btc', 'USDT')).toEqual([['FEE_INCOME', sellerFee, 0n]]);
      expect(plan.orders.get('bid')?.fee_total).toBe(buyerFee);
      expect(plan.orders.get('ask')?.fee_total).toBe(sellerFee);
      expect(tradeItemOf(plan, 'buyer')).toMatchObject({
        role: buyerRole,
        fee: buyerFee,
        fee_asset: 'BTC',
      });
      expect(tradeItemOf(plan, 'seller')).toMatchObject({
        role: sellerRole,
        fee: sellerFee,
        fee_asset: 'USDT',
      });
      expect(plan.anomalies).toEqual([]);
    },
  );

  it('takes no fee from the paying side of either party', () => {
    const plan = settle('BUY');

    expect(changes(plan, 'buyer', 'USDT')).toEqual([['TRADE_DEBIT', 0n, -quote]]);
    expect(changes(plan, 'seller', 'BTC')).toEqual([['TRADE_DEBIT', 0n, -base]]);
  });
});
