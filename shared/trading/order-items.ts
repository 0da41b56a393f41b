import { z } from 'zod';
import { storedBigInt, storedInt } from './numbers';
import { dispatchStates, orderSides, orderStatuses, orderTypes, timesInForce } from './vocabulary';

/**
 * `ACCOUNT#<user>` / `ORDER#<id>`. Quantities are lots, prices ticks, amounts minor units:
 *
 * - `quantity` (lots; absent for a market buy by quote), `price` (ticks; absent for market),
 *   `quote_order_qty` (quote minor units; market buys by quote only);
 * - `lock_asset`, `locked` (what the API locked at placement), `lock_remaining` (still locked
 *   for this order; settlement lowers it with every fill and releases the rest when final);
 * - `filled_quantity` (lots), `filled_quote` (quote minor units paid or received), `fee_total`
 *   (minor units of the received asset); `maker_fee_ppm`/`taker_fee_ppm` are the fee rates
 *   fixed at placement, in millionths;
 * - `dispatch` is `PENDING` until the `place` command is on the queue, then `SENT`;
 *   `cancel_requested` is set by `DELETE /api/orders/{id}`; the status changes only when the
 *   engine's result is settled.
 * - `accepted_at` is set by settlement when the engine accepted the order; `settled_seq` is
 *   the engine sequence number of the last event settled into the order: settlement writes
 *   are conditioned on it, so a replayed event never applies twice; `settled_at` is the wall-clock time of that write (latency
 *   measurement only).
 * - gsi1 (`OPEN#<user>` / `ORDER#<id>`) exists while the order is open and is removed when
 *   it becomes final; gsi2 (`ORDERS#<symbol>` / `<id>`) always.
 */
export const orderItemSchema = z.object({
  id: z.string(),
  user_id: z.string(),
  client_order_id: z.string().nullable().default(null),
  symbol: z.string(),
  side: z.enum(orderSides),
  type: z.enum(orderTypes),
  time_in_force: z.enum(timesInForce),
  post_only: z.boolean(),
  quantity: storedBigInt.nullable().default(null),
  price: storedBigInt.nullable().default(null),
  quote_order_qty: storedBigInt.nullable().default(null),
  status: z.enum(orderStatuses),
  reject_reason: z.string().nullable().default(null),
  lock_asset: z.string(),
  locked: storedBigInt,
  lock_remaining: storedBigInt,
  filled_quantity: storedBigInt,
  filled_quote: storedBigInt,
  fee_total: storedBigInt.default(0n),
  maker_fee_ppm: storedInt,
  taker_fee_ppm: storedInt,
  dispatch: z.enum(dispatchStates),
  command_id: z.string(),
  cancel_requested: z.boolean().default(false),
  accepted_at: z.string().optional(),
  settled_seq: storedInt.optional(),
  created_at: z.string(),
  updated_at: z.string(),
});
export type OrderItem = z.output<typeof orderItemSchema>;

/**
 * `ACCOUNT#<user>` / `CLIENT_ORDER#<cid>`: the client order id is taken for 24 h
 * (`expires_at`); `fingerprint` is the SHA-256 of the normalised parameters, so a repeat with
 * the same ones returns the order and different ones are a conflict.
 */
export const clientOrderItemSchema = z.object({
  order_id: z.string(),
  fingerprint: z.string(),
  created_at: z.string(),
  expires_at: storedInt,
});
export type ClientOrderItem = z.output<typeof clientOrderItemSchema>;

/** `ACCOUNT#<user>` / `OPEN_ORDERS`: orders placed and not yet final. */
export const openOrdersItemSchema = z.object({ count: storedInt });

/**
 * `OUTBOX#<symbol>` / `<issued iso>#<command id>`: a command written in the same transaction as
 * its order change and deleted once it is on the queue. `command` is the queue message body.
 * `expires_at_ms` is the `place` command's `expires_at`: after it the engine refuses the
 * command, and the refusal's settlement closes the order.
 */
export const outboxItemSchema = z.object({
  pk: z.string(),
  sk: z.string(),
  kind: z.enum(['place', 'cancel']),
  symbol: z.string(),
  order_id: z.string(),
  user_id: z.string(),
  command: z.string(),
  attempts: storedInt.default(0),
  expires_at_ms: storedInt.nullable().default(null),
  created_at: z.string(),
});
export type OutboxItem = z.output<typeof outboxItemSchema>;
