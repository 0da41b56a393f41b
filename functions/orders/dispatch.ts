import type { Logger } from '../../shared/logging/logger';
import type { OutboxItem } from '../../shared/trading/order-items';
import type { CommandQueue, Outbox } from './ports';
import { orderCommandSchema } from '../../shared/contracts/commands';

/**
 * Sends an outbox entry's command and, once it is on the queue, marks it delivered. A failed
 * send is not an error of the request: the entry stays, and the reconciler resends it (same
 * deduplication id) until it is on the queue, expired or not.
 */
export async function dispatch(
  deps: { readonly queue: CommandQueue; readonly outbox: Outbox; readonly logger: Logger },
  entry: OutboxItem,
): Promise<boolean> {
  const command = orderCommandSchema.parse(JSON.parse(entry.command));
  try {
    await deps.queue.send(command);
  } catch (error) {
    deps.logger.warn('command not sent; the reconciler will retry', {
      orderId: entry.order_id,
      commandId: command.command_id,
      error,
    });
    return false;
  }
  try {
    await deps.outbox.delivered(entry);
  } catch (error) {
    deps.logger.warn('command sent but not marked delivered; the reconciler will', {
      orderId: entry.order_id,
      error,
    });
  }
  return true;
}
