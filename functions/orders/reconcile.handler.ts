import { buildReconcileDeps, orderLogger } from './deps';
import { reconcileOutbox } from './reconcile';
import { consumeUserEvents } from './user-events';

const deps = buildReconcileDeps();

/**
 * Scheduled (EventBridge, every minute): resend undelivered order commands (expired ones too,
 * for the engine to refuse), then cancel the open orders of users identity suspended or
 * closed. Not an HTTP route; `POST /api/admin/trading/reconcile` runs the same on demand.
 */
export async function handler(): Promise<{ outbox: object; userEvents: number }> {
  const outbox = await reconcileOutbox(deps);
  const userEvents = await consumeUserEvents(deps);
  orderLogger.info('reconciled', { ...outbox, userEvents });
  return { outbox, userEvents };
}
