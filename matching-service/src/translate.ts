import type { OrderCommand } from '../../shared/contracts/commands';
import type { BookCommand } from './engine';

/** Why the service refused a command without showing it to the book. */
export type Refusal = 'COMMAND_EXPIRED';

/**
 * Whether the service must refuse `command` at `nowMs` without showing it to the book: a
 * `place` past its `expires_at` must not act, and settling the refusal closes its order and
 * returns the lock (the API never releases it itself). Decided once and journaled, never
 * re-decided on replay.
 */
export const refusalOf = (command: OrderCommand, nowMs: number): Refusal | undefined =>
  command.type === 'place' && command.expires_at !== undefined && nowMs > command.expires_at
    ? 'COMMAND_EXPIRED'
    : undefined;

/**
 * The engine command for a decoded queue command. Time is the command's `issued_at`, so a
 * journal of commands replays to the same events.
 */
export function toBookCommand(command: OrderCommand): BookCommand {
  if (command.type === 'cancel') {
    return {
      kind: 'cancel',
      orderId: command.order_id,
      accountId: command.account_id,
      at: command.issued_at,
    };
  }
  const o = command.order;
  const common = {
    kind: 'place' as const,
    orderId: o.id,
    accountId: o.account_id,
    side: o.side,
    at: command.issued_at,
    ...(o.stp === undefined ? {} : { stp: o.stp }),
  };
  if (o.order_type === 'LIMIT') {
    return {
      ...common,
      type: 'LIMIT',
      price: o.price ?? 0,
      quantity: o.quantity ?? 0,
      timeInForce: o.time_in_force,
      postOnly: o.post_only,
    };
  }
  if (o.quote_amount !== undefined) {
    return { ...common, type: 'MARKET', quoteAmount: o.quote_amount };
  }
  return {
    ...common,
    type: 'MARKET',
    quantity: o.quantity ?? 0,
    ...(o.quote_limit === undefined ? {} : { quoteLimit: o.quote_limit }),
  };
}
