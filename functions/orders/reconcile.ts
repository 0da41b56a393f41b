import { placeCommandSchema } from '../../shared/contracts/commands';
import type { OrderItem, OutboxItem } from '../../shared/trading/order-items';
import { dispatch } from './dispatch';
import type { OrderDeps } from './ports';

export type ReconcileDeps = Pick<
  OrderDeps,
  'markets' | 'orders' | 'outbox' | 'queue' | 'clock' | 'logger' | 'settings'
>;

export interface ReconcileCounts {
  /** Commands sent again, including the expired places among them. */
  resent: number;
  /** Places sent again after their `expires_at`, for the engine to refuse. */
  expired: number;
  dropped: number;
  failed: number;
}

const stillUndelivered = (order: OrderItem | undefined): order is OrderItem =>
  order !== undefined && order.status === 'PENDING' && order.dispatch === 'PENDING';

const isExpiredPlace = (entry: OutboxItem, nowMs: number): boolean =>
  entry.kind === 'place' && entry.expires_at_ms !== null && nowMs > entry.expires_at_ms;

/**
 * The place of an order cancelled before it was ever delivered, expired from the start: the
 * engine refuses it (`COMMAND_EXPIRED`) and settling that returns the lock, so it never trades.
 * Same command id: if an earlier send did reach the queue after all, this copy is dropped as a
 * duplicate and the cancel behind it cancels the order.
 */
function expiredAtIssue(entry: OutboxItem): OutboxItem {
  const command = placeCommandSchema.parse(JSON.parse(entry.command));
  return { ...entry, command: JSON.stringify({ ...command, expires_at: command.issued_at }) };
}

/** What became of one entry; `failed` stops its market for this run. */
type Outcome = 'sent' | 'dropped' | 'held' | 'failed';

/**
 * One entry: a place already delivered, or a cancel of an order that is final, is dropped;
 * anything else is sent again with its deduplication id, the place of an order whose cancel was
 * requested meanwhile as already expired. A halted market is sent only expired places, which
 * the engine refuses; its other entries are held for later.
 */
async function handle(
  deps: ReconcileDeps,
  entry: OutboxItem,
  halted: boolean,
  counts: ReconcileCounts,
): Promise<Outcome> {
  const order = await deps.orders.get(entry.user_id, entry.order_id);
  const delivered =
    entry.kind === 'place'
      ? !stillUndelivered(order)
      : order === undefined || !['PENDING', 'PARTIAL'].includes(order.status);
  if (delivered) {
    await deps.outbox.drop(entry);
    counts.dropped += 1;
    return 'dropped';
  }
  const withdrawn = entry.kind === 'place' && order?.cancel_requested === true;
  const expired = withdrawn || isExpiredPlace(entry, deps.clock.now().getTime());
  if (halted && !expired) return 'held';
  if (await dispatch(deps, withdrawn ? expiredAtIssue(entry) : entry)) {
    counts.resent += 1;
    if (expired) counts.expired += 1;
    return 'sent';
  }
  await deps.outbox.attempted(entry);
  counts.failed += 1;
  return 'failed';
}

/**
 * The outbox reconciler (scheduled; `POST /api/admin/trading/reconcile` runs it on demand).
 * Per market, oldest first, entries older than `resendAfterMs` are resent or dropped; the first
 * send that fails stops its market until the next run, so later commands never overtake it (a
 * held entry of a halted market cannot be overtaken by its own order's cancel: that is held
 * too).
 *
 * It never releases an order's lock itself, even once the command has expired: a send that
 * "failed" may still have reached the queue, and the engine may have applied it with its
 * settlement still behind. An expired place is sent like any other; the engine refuses it
 * (`COMMAND_EXPIRED`), or ignores it as a duplicate of the delivery it already applied, and
 * settling that answer closes the order and returns its lock. So a lock is released only by
 * the engine's journaled word, and while SQS refuses every send the lock stays.
 */
export async function reconcileOutbox(deps: ReconcileDeps): Promise<ReconcileCounts> {
  const counts: ReconcileCounts = { resent: 0, expired: 0, dropped: 0, failed: 0 };
  const before = new Date(deps.clock.now().getTime() - deps.settings.resendAfterMs).toISOString();
  for (const market of await deps.markets.all()) {
    for (const entry of await deps.outbox.due(market.symbol, before)) {
      if ((await handle(deps, entry, market.status === 'HALT', counts)) === 'failed') break;
    }
  }
  if (counts.expired + counts.failed > 0) deps.logger.warn('outbox reconciled', { ...counts });
  return counts;
}
