import type { AuditActor } from '../../shared/audit/audit-log';
import { ConflictError, NotFoundError } from '../../shared/domain/errors';
import type { OrderItem } from '../../shared/trading/order-items';
import { finalOrderStatuses } from '../../shared/trading/vocabulary';
import { auditEntry, type Caller } from '../balances/caller';
import { dispatch } from './dispatch';
import { cancelCommandOf, outboxEntryOf } from './order-records';
import type { OrderDeps } from './ports';

export type CancelDeps = Pick<
  OrderDeps,
  'orders' | 'markets' | 'outbox' | 'queue' | 'audit' | 'clock' | 'newId' | 'logger'
>;

/**
 * Flags the order and queues its `cancel` command (through the outbox). The status stays as
 * it is until the engine's answer is settled (CANCELLED, with the lock released). A cancel
 * whose place command is still undelivered is left to the reconciler, which sends the place
 * first, so the engine never sees the cancel before the order. `requested` is false when the
 * order was already flagged, by this caller or a concurrent one: no second command is sent.
 */
export async function requestCancellation(
  deps: CancelDeps,
  order: OrderItem,
): Promise<{ order: OrderItem; requested: boolean }> {
  if (order.cancel_requested) return { order, requested: false };
  const now = deps.clock.now();
  const outbox = outboxEntryOf(cancelCommandOf(order, deps.newId(), now), order.user_id);
  const result = await deps.orders.requestCancel(order, outbox, now.toISOString());
  if (result.requested && order.dispatch === 'SENT') await dispatch(deps, outbox);
  return result;
}

/** `DELETE /api/orders/{id}`: the caller's open order only; another user's order is 404. */
export async function cancelOrder(
  deps: CancelDeps,
  caller: Caller,
  orderId: string,
): Promise<OrderItem> {
  const order = await deps.orders.get(caller.userId, orderId);
  if (order === undefined) throw new NotFoundError('No such order');
  if (finalOrderStatuses.includes(order.status)) {
    throw new ConflictError(`The order is already ${order.status}`);
  }
  const market = await deps.markets.get(order.symbol);
  if (market?.status === 'HALT') throw new ConflictError(`The market ${order.symbol} is halted`);
  const { order: updated, requested } = await requestCancellation(deps, order);
  if (requested) {
    await deps.audit.record(
      auditEntry(caller, 'order.cancel_requested', { type: 'order', id: order.id }, 'success', {
        symbol: order.symbol,
      }),
    );
  }
  return updated;
}

/**
 * Requests one listed order's cancellation; false when it was already requested or the order
 * has become final since the (eventually consistent) listing, which needs no cancel.
 */
async function requestFinalAware(deps: CancelDeps, order: OrderItem): Promise<boolean> {
  try {
    return (await requestCancellation(deps, order)).requested;
  } catch (error) {
    if (error instanceof ConflictError) return false;
    throw error;
  }
}

/**
 * Cancels every open order of a user (on suspension or closure); idempotent, so a replayed
 * event does nothing new. Returns how many cancellations were requested.
 */
export async function cancelOpenOrders(
  deps: CancelDeps,
  userId: string,
  actor: AuditActor,
  reason: string,
): Promise<number> {
  const open = await deps.orders.allOpen(userId);
  let requested = 0;
  for (const order of open.filter((candidate) => !candidate.cancel_requested)) {
    if (!(await requestFinalAware(deps, order))) continue;
    requested += 1;
    await deps.audit.record({
      actor,
      action: 'order.cancel_requested',
      resource: { type: 'order', id: order.id },
      result: 'success',
      details: { symbol: order.symbol, user_id: userId, reason },
    });
  }
  return requested;
}
