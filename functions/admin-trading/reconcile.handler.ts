import { reconcileRoute as contract } from '../../shared/contracts/trading-admin';
import { apiHandler, type Route } from '../../shared/http/api-handler';
import { buildReconcileDeps } from '../orders/deps';
import { reconcileOutbox, type ReconcileDeps } from '../orders/reconcile';
import { consumeUserEvents, type UserEventDeps } from '../orders/user-events';
import { adminTradingLogger } from './deps';

/**
 * `POST /api/admin/trading/reconcile`: the scheduled reconciler and user-event consumer, on
 * demand (and the way to run them on the local stack, which has no scheduler).
 */
export const reconcileRoute =
  (deps: ReconcileDeps & UserEventDeps): Route<typeof contract> =>
  async () => {
    const outbox = await reconcileOutbox(deps);
    const userEvents = await consumeUserEvents(deps);
    return { data: { ...outbox, user_events: userEvents } };
  };

export const handler = apiHandler(
  contract,
  reconcileRoute(buildReconcileDeps()),
  adminTradingLogger,
);
