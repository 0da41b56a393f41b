import { orderTerms } from '../../../../functions/orders/order-terms';
import { newOrderItem, placeCommandOf } from '../../../../functions/orders/order-records';
import { OrderBook, type StpMode } from '../../../../matching-service/src/engine';
import { planSettlement } from '../../../../matching-service/src/settlement/plan';
import type { Anomaly, SettlementMarket } from '../../../../matching-service/src/settlement/types';
import { toBookCommand } from '../../../../matching-service/src/translate';
import type { PlaceOrderBody } from '../../../../shared/contracts/trading';
import { ValidationError } from '../../../../shared/domain/errors';
import { findMarket } from '../../../../shared/domain/markets';
import { formatDecimal } from '../../../../shared/domain/money';
import { balanceWrites, type BalanceSnapshot } from '../../../../shared/trading/balance-writes';
import { feeScheduleOf } from '../../../../shared/trading/fees';
import { kycLimitsOf } from '../../../../shared/trading/kyc-limits';
import { marketUnits } from '../../../../shared/trading/market-units';
import type { OrderItem } from '../../../../shared/trading/order-items';
import { seeded } from '../../../support/prng';

/** What a simulated exchange run ends with. */
export interface SimulationResult {
  readonly balances: Map<string, BalanceSnapshot>;
  readonly orders: Map<string, OrderItem>;
  readonly deposits: Map<string, bigint>;
  readonly anomalies: Anomaly[];
}

/**
 * Drives the real API terms, engine and settlement plan through `steps` random orders on
 * `symbol` from three accounts of different fee tiers, applying every plan's moves with
 * `balanceWrites` (which throws on an underflow).
 */
export function simulate(
  seed: number,
  steps: number,
  defaultStp: StpMode,
  runLength = 1,
  symbol: 'BTCUSDT' | 'ETHUSDT' = 'BTCUSDT',
): SimulationResult {
  const units = marketUnits(findMarket(symbol)!);
  const [base, centre, lotScale] =
    symbol === 'BTCUSDT' ? (['BTC', 3_000_000n, 5] as const) : (['ETH', 300_000n, 4] as const);
  const market: SettlementMarket = { units, tableName: 'T', feesAccount: 'FEES' };
  const book = new OrderBook({ symbol, defaultStp });
  const random = seeded(seed);
  const r = (n: number) => random.int(0, n - 1);
  const users = ['u1', 'u2', 'u3'];
  const tiers: Record<string, number> = { u1: 1, u2: 3, u3: 5 };
  const balances = new Map<string, BalanceSnapshot>();
  const deposits = new Map<string, bigint>([
    [base, 0n],
    ['USDT', 0n],
  ]);
  const key = (u: string, a: string) => `${u}/${a}`;
  const bal = (u: string, a: string): BalanceSnapshot =>
    balances.get(key(u, a)) ?? { userId: u, asset: a, available: 0n, locked: 0n, version: 0n };
  for (const u of users) {
    for (const [asset, amount] of [
      [base, 1_000n * 10n ** 8n],
      ['USDT', 100_000_000n * 10n ** 8n],
    ] as const) {
      balances.set(key(u, asset), { ...bal(u, asset), available: amount });
      deposits.set(asset, deposits.get(asset)! + amount);
    }
  }
  const orders = new Map<string, OrderItem>();
  const anomalies: Anomaly[] = [];
  const open: string[] = [];
  let bestAsk: bigint | null = null;
  let bestBid: bigint | null = null;
  let now = Date.parse('2026-11-24T00:00:00.000Z');

  let pending: ReturnType<OrderBook['apply']> = [];
  const journal: ReturnType<OrderBook['apply']> = [];
  const settle = (events: ReturnType<OrderBook['apply']>) => {
    pending.push(...events);
    journal.push(...events);
    if (r(runLength) !== 0) return;
    flush();
  };
  const flush = () => {
    const events = pending;
    pending = [];
    const plan = planSettlement(market, events, orders);
    anomalies.push(...plan.anomalies);
    for (const move of plan.moves) {
      const built = balanceWrites('T', bal(move.userId, move.asset), move.changes, 'x');
      balances.set(key(move.userId, move.asset), built.after);
    }
    for (const [id, o] of plan.orders) orders.set(id, o);
    const replay = planSettlement(market, events, orders);
    if (replay.moves.length > 0 || replay.applied > 0) {
      anomalies.push({ seq: -1, orderId: '', problem: 'replay applied again' });
    }
  };

  for (let i = 0; i < steps; i += 1) {
    now += 1;
    const user = users[r(users.length)]!;
    if (open.length > 0 && r(6) === 0) {
      const id = open.splice(r(open.length), 1)[0]!;
      const o = orders.get(id)!;
      settle(book.apply({ kind: 'cancel', orderId: id, accountId: o.user_id, at: now }));
      continue;
    }
    const side = r(2) === 0 ? 'BUY' : 'SELL';
    const kind = r(5);
    const flavour = r(4);
    const priceTicks = centre + BigInt(r(2_001)) - 1_000n;
    const lots = 40n + BigInt(r(3_000));
    const body: PlaceOrderBody =
      kind <= 2
        ? {
            symbol,
            side,
            type: 'LIMIT',
            price: formatDecimal(priceTicks, 2),
            quantity: formatDecimal(lots, lotScale),
            ...(kind === 2
              ? { time_in_force: flavour === 0 ? ('FOK' as const) : ('IOC' as const) }
              : {}),
            ...(kind === 1 && flavour === 0 ? { post_only: true } : {}),
          }
        : kind === 3 && side === 'BUY'
          ? {
              symbol,
              side,
              type: 'MARKET',
              quote_order_qty: formatDecimal((BigInt(r(50_000)) + 20n) * 10n ** 7n + 100n, 8),
            }
          : { symbol, side, type: 'MARKET', quantity: formatDecimal(lots, lotScale) };
    let terms;
    try {
      terms = orderTerms(units, body, kycLimitsOf(3), { bestBid, bestAsk }, 50_000);
    } catch (error) {
      if (error instanceof ValidationError) continue;
      throw error;
    }
    const id = `o${i}`;
    const planned = {
      id,
      commandId: `c${i}`,
      userId: user,
      body,
      terms,
      fees: feeScheduleOf(tiers[user]!),
      now: new Date(now),
      commandTtlMs: 60_000,
    };
    const item = newOrderItem(planned);
    const b = bal(user, item.lock_asset);
    if (b.available < item.locked) continue;
    balances.set(key(user, item.lock_asset), {
      ...b,
      available: b.available - item.locked,
      locked: b.locked + item.locked,
    });
    orders.set(id, item);
    open.push(id);
    settle(book.apply(toBookCommand(placeCommandOf(planned))));
    const bookTop = book.depth(1);
    bestAsk = bookTop.asks[0] === undefined ? null : BigInt(bookTop.asks[0][0]);
    bestBid = bookTop.bids[0] === undefined ? null : BigInt(bookTop.bids[0][0]);
  }
  flush();
  const replay = planSettlement(market, journal, orders);
  if (replay.moves.length > 0 || replay.applied > 0) {
    anomalies.push({ seq: -1, orderId: '', problem: 'journal replay applied again' });
  }
  return { balances, orders, deposits, anomalies };
}
