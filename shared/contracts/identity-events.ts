import { z } from 'zod';
import { userStatusSchema } from './identity-schemas';

/**
 * Domain events of the identity context, written to the Users table's outbox in the same
 * transaction as the change they announce, so none is lost and none announces a change that
 * did not happen. Consumers (the trading side cancels a suspended or closed user's open orders)
 * read them in order:
 *
 *   Query Users: pk = `OUTBOX#USER_EVENTS`, sk > <last sk processed>  (sk = `<occurred_at>#<event_id>`)
 *
 * and keep their own cursor; items expire after 30 days (`expires_at`). Events are versioned; a
 * consumer skips versions it does not know and makes its handling idempotent by `event_id`.
 */
export const USER_EVENTS_OUTBOX_PK = 'OUTBOX#USER_EVENTS';

const base = {
  version: z.literal(1),
  event_id: z.uuid(),
  user_id: z.string(),
  occurred_at: z.iso.datetime(),
  /** The admin or compliance officer who made the change. */
  actor: z.string(),
  reason: z.string(),
  from_status: userStatusSchema,
};

export const userEventSchema = z.discriminatedUnion('type', [
  /** Sign-in disabled and every session revoked; cancel open orders, refuse new ones. */
  z.object({ type: z.literal('user.suspended'), ...base }),
  /** Terminal: as suspended, and the account never returns. */
  z.object({ type: z.literal('user.closed'), ...base }),
  /** Back to ACTIVE after a suspension. */
  z.object({ type: z.literal('user.reactivated'), ...base }),
]);
export type UserEvent = z.infer<typeof userEventSchema>;
export type UserEventType = UserEvent['type'];
