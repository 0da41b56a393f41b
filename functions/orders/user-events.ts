import { cancelOpenOrders, type CancelDeps } from './cancel-order';
import type { CursorStore, UserEventFeed } from './ports';

export type UserEventDeps = CancelDeps & {
  readonly events: UserEventFeed;
  readonly cursors: CursorStore;
};

/** The consumer's name in the cursor store. */
export const USER_EVENTS_CURSOR = 'USER_EVENTS';
const BATCH = 100;
/** Events younger than this may still be committing out of order; they wait for next time. */
const SETTLE_MS = 10_000;

/**
 * Consumes identity's `user.suspended` / `user.closed` events: every open order of the user
 * gets its cancellation requested. Idempotent (cancelling twice does nothing new), so the
 * cursor is saved after each event and a crash only repeats work. Returns events handled.
 */
export async function consumeUserEvents(deps: UserEventDeps): Promise<number> {
  let position = await deps.cursors.get(USER_EVENTS_CURSOR);
  let handled = 0;
  const until = new Date(deps.clock.now().getTime() - SETTLE_MS).toISOString();
  for (;;) {
    const batch = await deps.events.after(position, until, BATCH);
    for (const record of batch) {
      const event = record.event;
      if (
        event !== undefined &&
        (event.type === 'user.suspended' || event.type === 'user.closed')
      ) {
        await cancelOpenOrders(
          deps,
          event.user_id,
          { type: 'system', id: 'trading.user-events' },
          `${event.type}: ${event.reason}`,
        );
        handled += 1;
      }
      position = record.position;
      await deps.cursors.set(USER_EVENTS_CURSOR, position);
    }
    if (batch.length < BATCH) return handled;
  }
}
