import type { OrderItem, OutboxItem } from '../../shared/trading/order-items';
import { dispatch } from './dispatch';
import type { OrderDeps } from './ports';

export type ReconcileDeps = Pick<
  OrderDeps,
  'markets' | 'orders' | 'outbox' | 'queue' | 'clock' | 'logger' | 'settings'
>;

export interface ReconcileCounts {
  resent: number;
  released: number;
  dropped: number;
  failed: number;
}

/** Why an order was released without reaching the engine. */
export const DISPATCH_EXPIRED = 'DISPATCH_EXPIRED';

const stillUndelivered = (order: OrderItem | undefined): order is OrderItem =>
  order !== undefined && order.status === 'PENDING' && order.dispatch === 'PENDING';

/**
 * One entry: a place whose command has expired is released (the engine refuses it now); a
 * place already delivered, or a cancel of an order that is final, is dropped; anything else
 * is sent again with its deduplication id. Returns false when a send failed, so the caller
 * stops that market and later commands never overtake this one.
 */
async function handle(
  deps: ReconcileDeps,
  entry: OutboxItem,
  halted: boolean,
  counts: ReconcileCounts,
): Promise<boolean> {
  const now = deps.clock.now();
  const order = await deps.orders.get(entry.user_id, entry.order_id);
  if (entry.kind === 'place') {
    const expiry = entry.expires_at_ms;
    if (expiry !== null && now.getTime() > expiry + deps.settings.releaseGraceMs) {
      const outcome = await deps.outbox.release(entry, DISPATCH_EXPIRED, now.toISOString());
      counts[outcome === 'released' ? 'released' : 'dropped'] += 1;
      return true;
    }
    if (!stillUndelivered(order)) {
      await deps.outbox.drop(entry);
      counts.dropped += 1;
      return true;
    }
  } else if (order === undefined || !['PENDING', 'PARTIAL'].includes(order.status)) {
    await deps.outbox.drop(entry);
    counts.dropped += 1;
    return true;
  }
  if (halted) return false;
  if (await dispatch(deps, entry)) {
    counts.resent += 1;
    return true;
  }
  await deps.outbox.attempted(entry);
  counts.failed += 1;
  return false;
}

/**
 * The outbox reconciler (scheduled; `POST /api/admin/trading/reconcile` runs it on demand).
 * Per market, oldest first, entries older than `resendAfterMs` are resent, dropped or — once
 * their command has expired and the grace period passed — released, so no order keeps its
 * funds locked without reaching the engine. A halted market sends nothing; its undelivered
 * orders are released when their commands expire.
 */
export async function reconcileOutbox(deps: ReconcileDeps): Promise<ReconcileCounts> {
  const counts: ReconcileCounts = { resent: 0, released: 0, dropped: 0, failed: 0 };
  const before = new Date(deps.clock.now().getTime() - deps.settings.resendAfterMs).toISOString();
  for (const market of await deps.markets.all()) {
    const entries = await deps.outbox.due(market.symbol, before);
    let blocked = false;
    for (const entry of entries) {
      const expiredPlace =
        entry.kind === 'place' &&
        entry.expires_at_ms !== null &&
        deps.clock.now().getTime() > entry.expires_at_ms + deps.settings.releaseGraceMs;
      if (blocked && !expiredPlace) continue;
      const ok = await handle(deps, entry, market.status === 'HALT', counts);
      if (!ok) blocked = true;
    }
  }
  if (counts.released + counts.failed > 0) deps.logger.warn('outbox reconciled', { ...counts });
  return counts;
}
