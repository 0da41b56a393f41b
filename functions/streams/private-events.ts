import { findAsset } from '../../shared/domain/markets';
import { formatDecimal } from '../../shared/domain/money';
import { balanceItemSchema } from '../../shared/trading/balance-items';
import { BALANCE_PREFIX, isFeesAccount, ORDER_PREFIX } from '../../shared/trading/keys';
import { orderItemSchema } from '../../shared/trading/order-items';
import { orderView } from '../orders/order-view';
import type { PrivateChannel } from './protocol';

/** A Trading-table change as the fan-out sees it (images unmarshalled, numbers wrapped). */
export interface ItemChange {
  readonly eventName: 'INSERT' | 'MODIFY' | 'REMOVE';
  readonly keys: { readonly pk: string; readonly sk: string };
  readonly newImage?: Record<string, unknown> | undefined;
  readonly oldImage?: Record<string, unknown> | undefined;
}

/** The private event a change produces: which user, which channel, what they see. */
export interface PrivateEvent {
  readonly userId: string;
  readonly channel: PrivateChannel;
  readonly event: 'order' | 'balance';
  readonly data: unknown;
}

const ACCOUNT = /^ACCOUNT#(.+)$/;

const orderOf = (image: Record<string, unknown> | undefined) => {
  const parsed = orderItemSchema.safeParse(image);
  return parsed.success ? orderView(parsed.data) : undefined;
};

const balanceOf = (image: Record<string, unknown> | undefined) => {
  const parsed = balanceItemSchema.safeParse(image);
  if (!parsed.success) return undefined;
  const precision = findAsset(parsed.data.asset)?.precision ?? 8;
  return {
    asset: parsed.data.asset,
    available: formatDecimal(parsed.data.available, precision),
    locked: formatDecimal(parsed.data.locked, precision),
  };
};

/**
 * Turns an order or balance change — written by the API or by settlement, it does not matter —
 * into the event its owner sees, or undefined when the owner would see nothing new (a removed
 * item, the fee account, or a change of fields the API does not show, such as `dispatch`).
 */
export function privateEventOf(change: ItemChange): PrivateEvent | undefined {
  const userId = ACCOUNT.exec(change.keys.pk)?.[1];
  if (userId === undefined || isFeesAccount(userId) || change.eventName === 'REMOVE') {
    return undefined;
  }
  const kind = change.keys.sk.startsWith(ORDER_PREFIX)
    ? ({ channel: 'orders', event: 'order', view: orderOf } as const)
    : change.keys.sk.startsWith(BALANCE_PREFIX)
      ? ({ channel: 'balances', event: 'balance', view: balanceOf } as const)
      : undefined;
  if (kind === undefined) return undefined;
  const next = kind.view(change.newImage);
  if (next === undefined) return undefined;
  const previous = change.oldImage === undefined ? undefined : kind.view(change.oldImage);
  if (previous !== undefined && JSON.stringify(previous) === JSON.stringify(next)) return undefined;
  return { userId, channel: kind.channel, event: kind.event, data: next };
}
