import { createHash } from 'node:crypto';
import type { CancelCommand, OrderCommand, PlaceCommand } from '../../shared/contracts/commands';
import type { PlaceOrderBody } from '../../shared/contracts/trading';
import type { FeeSchedule } from '../../shared/trading/fees';
import { outboxKey } from '../../shared/trading/keys';
import type { OrderItem, OutboxItem } from '../../shared/trading/order-items';
import type { OrderSteps, OrderTerms } from './order-terms';

/** Builders of the records a placement or cancellation writes; pure. */

/**
 * SHA-256 of the normalised parameters: "1.0" and "1" are the same quantity, so the same
 * order sent twice with different spellings is still the same order.
 */
export function orderFingerprint(body: PlaceOrderBody, terms: OrderSteps): string {
  const normalised = [
    body.symbol,
    body.side,
    body.type,
    terms.timeInForce,
    terms.postOnly,
    terms.lots?.toString() ?? null,
    terms.ticks?.toString() ?? null,
    terms.quoteOrderQty?.toString() ?? null,
  ];
  return createHash('sha256').update(JSON.stringify(normalised)).digest('hex');
}

export interface NewOrder {
  readonly id: string;
  readonly commandId: string;
  readonly userId: string;
  readonly body: PlaceOrderBody;
  readonly terms: OrderTerms;
  readonly fees: FeeSchedule;
  readonly now: Date;
  readonly commandTtlMs: number;
}

export function newOrderItem(o: NewOrder): OrderItem {
  const at = o.now.toISOString();
  return {
    id: o.id,
    user_id: o.userId,
    client_order_id: o.body.client_order_id ?? null,
    symbol: o.body.symbol,
    side: o.body.side,
    type: o.body.type,
    time_in_force: o.terms.timeInForce,
    post_only: o.terms.postOnly,
    quantity: o.terms.lots,
    price: o.terms.ticks,
    quote_order_qty: o.terms.quoteOrderQty,
    status: 'PENDING',
    reject_reason: null,
    lock_asset: o.terms.lockAsset,
    locked: o.terms.lock,
    lock_remaining: o.terms.lock,
    filled_quantity: 0n,
    filled_quote: 0n,
    fee_total: 0n,
    maker_fee_ppm: o.fees.makerPpm,
    taker_fee_ppm: o.fees.takerPpm,
    dispatch: 'PENDING',
    command_id: o.commandId,
    cancel_requested: false,
    created_at: at,
    updated_at: at,
  };
}

/** The `place` command: integers only, the order's own id, an expiry for the reconciler. */
export function placeCommandOf(o: NewOrder): PlaceCommand {
  const issuedAt = o.now.getTime();
  return {
    v: 1,
    type: 'place',
    command_id: o.commandId,
    symbol: o.body.symbol,
    issued_at: issuedAt,
    expires_at: issuedAt + o.commandTtlMs,
    order: {
      id: o.id,
      account_id: o.userId,
      side: o.body.side,
      order_type: o.body.type,
      time_in_force: o.terms.timeInForce,
      post_only: o.terms.postOnly,
      ...o.terms.engine,
    },
  };
}

/**
 * The `cancel` command. It is issued at least 1 ms after its order, so its outbox entry sorts
 * after the place's and the reconciler never sends it first.
 */
export function cancelCommandOf(order: OrderItem, commandId: string, now: Date): CancelCommand {
  return {
    v: 1,
    type: 'cancel',
    command_id: commandId,
    symbol: order.symbol,
    issued_at: Math.max(now.getTime(), Date.parse(order.created_at) + 1),
    order_id: order.id,
    account_id: order.user_id,
  };
}

/** The outbox entry that carries `command` until it is on the queue. */
export function outboxEntryOf(command: OrderCommand, userId: string): OutboxItem {
  const issuedAt = new Date(command.issued_at).toISOString();
  return {
    ...outboxKey(command.symbol, issuedAt, command.command_id),
    kind: command.type,
    symbol: command.symbol,
    order_id: command.type === 'place' ? command.order.id : command.order_id,
    user_id: userId,
    command: JSON.stringify(command),
    attempts: 0,
    expires_at_ms: command.type === 'place' ? (command.expires_at ?? null) : null,
    created_at: issuedAt,
  };
}
