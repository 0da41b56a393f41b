import type { PlaceOrderBody } from '../../shared/contracts/trading';
import {
  ConflictError,
  DomainError,
  PermissionDeniedError,
  ValidationError,
} from '../../shared/domain/errors';
import type { Market } from '../../shared/domain/markets';
import { feeScheduleOf } from '../../shared/trading/fees';
import { kycLimitsOf } from '../../shared/trading/kyc-limits';
import { marketUnits } from '../../shared/trading/market-units';
import type { OrderItem, OutboxItem } from '../../shared/trading/order-items';
import { auditEntry, type Caller } from '../balances/caller';
import { dispatch } from './dispatch';
import {
  newOrderItem,
  orderFingerprint,
  outboxEntryOf,
  placeCommandOf,
  type NewOrder,
} from './order-records';
import { orderSteps, orderTerms } from './order-terms';
import type { OrderDeps, PlaceOutcome } from './ports';

export type PlaceOrderDeps = OrderDeps;

const CLIENT_ORDER_TTL_SECONDS = 24 * 3600;

/** A listed market, or a VALIDATION_ERROR naming `symbol`. */
async function listedMarket(deps: Pick<OrderDeps, 'markets'>, symbol: string): Promise<Market> {
  const market = await deps.markets.get(symbol);
  if (market === undefined) {
    throw new ValidationError([{ field: 'symbol', in: 'body', message: 'Unknown symbol' }]);
  }
  return market;
}

/** Throws unless the market takes new orders. */
function assertTradable(market: Market): void {
  if (market.status === 'HALT') throw new ConflictError(`The market ${market.symbol} is halted`);
  if (market.status === 'CANCEL_ONLY') {
    throw new ConflictError(`The market ${market.symbol} accepts cancellations only`);
  }
}

/** The order a client order id already names: same parameters → it, different → CONFLICT. */
async function replay(
  deps: PlaceOrderDeps,
  userId: string,
  clientOrderId: string,
  fingerprint: string,
): Promise<OrderItem | undefined> {
  const guard = await deps.orders.findClientOrder(userId, clientOrderId);
  if (guard === undefined) return undefined;
  if (guard.fingerprint !== fingerprint) {
    throw new ConflictError('client_order_id was used for a different order in the last 24 h', {
      details: { client_order_id: clientOrderId, order_id: guard.order_id },
    });
  }
  const order = await deps.orders.get(userId, guard.order_id);
  if (order === undefined) throw new Error(`client order guard points at a missing order`);
  return order;
}

async function newOrder(
  deps: PlaceOrderDeps,
  caller: Caller,
  body: PlaceOrderBody,
  market: Market,
): Promise<{ order: NewOrder; maxOpenOrders: number }> {
  const profile = await deps.profiles.get(caller.userId);
  if (profile.status !== 'ACTIVE') throw new PermissionDeniedError('The account is not active');
  const limits = kycLimitsOf(profile.kycLevel);
  const needsTop = body.type === 'MARKET' && body.quantity !== undefined;
  const top = needsTop ? await deps.books.top(market.symbol) : undefined;
  const terms = orderTerms(
    marketUnits(market),
    body,
    limits,
    top,
    deps.settings.marketBuyProtectionPpm,
  );
  return {
    order: {
      id: deps.newId(),
      commandId: deps.newId(),
      userId: caller.userId,
      body,
      terms,
      fees: feeScheduleOf(profile.feeTier),
      now: deps.clock.now(),
      commandTtlMs: deps.settings.commandTtlMs,
    },
    maxOpenOrders: limits.maxOpenOrders,
  };
}

type Placed = {
  readonly order: OrderItem;
  readonly outbox: OutboxItem;
  readonly outcome: PlaceOutcome;
};

/** Plans the new order and writes it, its lock, its outbox entry and its client order id. */
async function placeNew(
  deps: PlaceOrderDeps,
  caller: Caller,
  body: PlaceOrderBody,
  market: Market,
  fingerprint: string,
): Promise<Placed> {
  const clientOrderId = body.client_order_id;
  const planned = await newOrder(deps, caller, body, market);
  const order = newOrderItem(planned.order);
  const outbox = outboxEntryOf(placeCommandOf(planned.order), caller.userId);
  const outcome = await deps.orders.place({
    order,
    outbox,
    maxOpenOrders: planned.maxOpenOrders,
    clientOrder:
      clientOrderId === undefined
        ? undefined
        : {
            order_id: order.id,
            fingerprint,
            created_at: order.created_at,
            expires_at: Math.floor(planned.order.now.getTime() / 1000) + CLIENT_ORDER_TTL_SECONDS,
          },
  });
  return { order, outbox, outcome };
}

/**
 * Places an order (DESIGN §4): market filters and account limits, then one transaction writes
 * the order (PENDING), moves the funds it needs from available to locked with its ledger
 * entry, counts it against the open-order limit, stores the `place` command in the outbox and
 * claims the client order id; then the command goes to the FIFO queue. A repeated client order
 * id answers the original order (`created: false`) or CONFLICT, and is recognised before the
 * market's status and the account are checked: a retry after a halt still gets its order. A
 * retry racing its original is recognised again when it fails (its funds or its open-order
 * slot are the original's): it answers the original order, not the error.
 */
export async function placeOrder(
  deps: PlaceOrderDeps,
  caller: Caller,
  body: PlaceOrderBody,
): Promise<{ order: OrderItem; created: boolean }> {
  const market = await listedMarket(deps, body.symbol);
  const clientOrderId = body.client_order_id;
  const fingerprint = orderFingerprint(body, orderSteps(marketUnits(market), body));
  if (clientOrderId !== undefined) {
    const original = await replay(deps, caller.userId, clientOrderId, fingerprint);
    if (original !== undefined) return { order: original, created: false };
  }
  assertTradable(market);
  let placed: Placed;
  try {
    placed = await placeNew(deps, caller, body, market, fingerprint);
  } catch (error) {
    // A concurrent retry that committed first holds the funds or the slot this one lacked.
    if (clientOrderId === undefined || !(error instanceof DomainError)) throw error;
    const original = await replay(deps, caller.userId, clientOrderId, fingerprint);
    if (original === undefined) throw error;
    return { order: original, created: false };
  }
  const { order, outbox, outcome } = placed;
  if (outcome === 'client_order_id_taken') {
    const original = await replay(deps, caller.userId, clientOrderId!, fingerprint);
    if (original === undefined) throw new ConflictError('client_order_id is being used; retry');
    return { order: original, created: false };
  }
  const sent = await dispatch(deps, outbox);
  await deps.audit.record(
    auditEntry(caller, 'order.placed', { type: 'order', id: order.id }, 'success', {
      symbol: order.symbol,
      side: order.side,
      type: order.type,
      quantity: body.quantity ?? null,
      price: body.price ?? null,
      quote_order_qty: body.quote_order_qty ?? null,
      client_order_id: order.client_order_id,
      dispatched: sent,
    }),
  );
  return { order: sent ? { ...order, dispatch: 'SENT' } : order, created: true };
}
