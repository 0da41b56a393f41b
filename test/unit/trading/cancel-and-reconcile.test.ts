import './support/env';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  cancelOrderRoute as cancelContract,
  getOrderRoute as getContract,
} from '../../../shared/contracts/trading';
import { placeOrderRoute as placeContract } from '../../../shared/contracts/trading';
import { apiHandler } from '../../../shared/http/api-handler';
import { parseDecimal } from '../../../shared/domain/money';
import { cancelOrderRoute } from '../../../functions/orders/cancel-order.handler';
import { getOrderRoute } from '../../../functions/orders/get-order.handler';
import { placeOrderRoute } from '../../../functions/orders/place-order.handler';
import { cancelOpenOrders } from '../../../functions/orders/cancel-order';
import { reconcileOutbox } from '../../../functions/orders/reconcile';
import { consumeUserEvents } from '../../../functions/orders/user-events';
import type { CursorStore, UserEventFeed } from '../../../functions/orders/ports';
import { orderFakes, silentLogger } from './support/fakes';
import { invoke } from './support/requests';

const USDT = (text: string) => parseDecimal(text, 8);
const limitBuy = {
  symbol: 'BTCUSDT',
  side: 'BUY',
  type: 'LIMIT',
  price: '30000',
  quantity: '0.001',
};

let fakes: ReturnType<typeof orderFakes>;
const place = async (userId = 'user-1') => {
  const handler = apiHandler(placeContract, placeOrderRoute(fakes.deps), silentLogger);
  const answer = await invoke(handler, {
    method: 'POST',
    path: '/api/orders',
    body: limitBuy,
    userId,
  });
  return answer.body.data.id as string;
};
const cancel = (id: string, userId = 'user-1') =>
  invoke(apiHandler(cancelContract, cancelOrderRoute(fakes.deps), silentLogger), {
    method: 'DELETE',
    path: `/api/orders/${id}`,
    params: { id },
    userId,
  });
const get = (id: string, userId = 'user-1') =>
  invoke(apiHandler(getContract, getOrderRoute(fakes.deps), silentLogger), {
    method: 'GET',
    path: `/api/orders/${id}`,
    params: { id },
    userId,
  });

beforeEach(() => {
  fakes = orderFakes();
  fakes.store.fund('user-1', 'USDT', USDT('1000'));
  fakes.store.fund('user-2', 'USDT', USDT('1000'));
});

describe('cancel and get', () => {
  it('answers 202 with cancel_requested and sends the cancel after the place', async () => {
    const id = await place();

    const answer = await cancel(id);

    expect(answer.status).toBe(202);
    expect(answer.body.data).toMatchObject({ id, status: 'PENDING', cancel_requested: true });
    expect(fakes.queue.sent.map((c) => c.type)).toEqual(['place', 'cancel']);
    expect(fakes.audit.actions()).toEqual(['order.placed', 'order.cancel_requested']);
  });

  it('answers 404 for another user’s order on get and on cancel, and changes nothing', async () => {
    const id = await place('user-1');

    const read = await get(id, 'user-2');
    const cancelled = await cancel(id, 'user-2');

    expect(read.status).toBe(404);
    expect(cancelled.status).toBe(404);
    expect(read.body.error.code).toBe('NOT_FOUND');
    expect(fakes.store.orders.get(id)?.cancel_requested).toBe(false);
  });

  it('refuses to cancel a final order with 409 and a malformed id with 400', async () => {
    const id = await place();
    fakes.store.orders.set(id, { ...fakes.store.orders.get(id)!, status: 'FILLED' });

    const final = await cancel(id);
    const malformed = await cancel('not-a-uuid');

    expect(final.status).toBe(409);
    expect(malformed.status).toBe(400);
  });

  it('holds back a cancel whose place is undelivered, so the engine never sees it first', async () => {
    fakes.queue.failing = true;
    const id = await place();
    fakes.queue.failing = false;

    await cancel(id);
    fakes.clock.advance(10_000);
    const counts = await reconcileOutbox(fakes.deps);

    expect(fakes.queue.sent.map((c) => c.type)).toEqual(['place', 'cancel']);
    expect(counts).toMatchObject({ resent: 2, failed: 0 });
    expect(fakes.store.outbox.size).toBe(0);
  });

  it('sends the place of an order cancelled before delivery already expired, so it never trades', async () => {
    fakes.queue.failing = true;
    const id = await place();
    fakes.queue.failing = false;

    await cancel(id);
    fakes.clock.advance(10_000);
    await reconcileOutbox(fakes.deps);

    const [resent] = fakes.queue.sent;
    expect(resent).toMatchObject({ type: 'place', order: { id } });
    expect(resent?.type === 'place' && resent.expires_at).toBe(resent?.issued_at);
  });
});

describe('reconcileOutbox', () => {
  it('resends an undelivered place once the queue is back, and marks it sent', async () => {
    fakes.queue.failing = true;
    const id = await place();
    fakes.queue.failing = false;
    fakes.clock.advance(10_000);

    const counts = await reconcileOutbox(fakes.deps);

    expect(counts.resent).toBe(1);
    expect(fakes.store.orders.get(id)?.dispatch).toBe('SENT');
  });

  it('never releases a lock itself: an expired place is sent for the engine to refuse', async () => {
    fakes.queue.failing = true;
    const id = await place();
    fakes.clock.advance(10_000);
    const early = await reconcileOutbox(fakes.deps);
    fakes.clock.advance(180_000);
    const stillDown = await reconcileOutbox(fakes.deps);
    const lockedWhileDown = fakes.store.balance('user-1', 'USDT');
    fakes.queue.failing = false;

    const back = await reconcileOutbox(fakes.deps);

    expect(early).toMatchObject({ failed: 1, resent: 0 });
    expect(stillDown).toMatchObject({ failed: 1, resent: 0 });
    expect(lockedWhileDown.locked).toBeGreaterThan(0n);
    expect(back).toMatchObject({ resent: 1, expired: 1 });
    expect(fakes.queue.sent.map((c) => c.type)).toEqual(['place']);
    expect(fakes.store.orders.get(id)).toMatchObject({ status: 'PENDING', dispatch: 'SENT' });
    expect(fakes.store.balance('user-1', 'USDT').locked).toBe(lockedWhileDown.locked);
  });

  it("holds a halted market's commands until they expire, then sends them to be refused", async () => {
    fakes.queue.failing = true;
    await place();
    fakes.queue.failing = false;
    fakes.markets.statuses.set('BTCUSDT', 'HALT');
    fakes.clock.advance(10_000);

    const halted = await reconcileOutbox(fakes.deps);
    const sentWhileYoung = fakes.queue.sent.length;
    fakes.clock.advance(180_000);
    const expired = await reconcileOutbox(fakes.deps);

    expect(halted).toEqual({ resent: 0, expired: 0, dropped: 0, failed: 0 });
    expect(sentWhileYoung).toBe(0);
    expect(expired).toMatchObject({ resent: 1, expired: 1 });
    expect(fakes.queue.sent).toHaveLength(1);
  });

  it('stops a market at the first failed send, so later commands never overtake it', async () => {
    fakes.queue.failing = true;
    await place();
    await place();
    fakes.clock.advance(10_000);
    const before = fakes.queue.attempts;

    const counts = await reconcileOutbox(fakes.deps);

    expect(counts).toMatchObject({ failed: 1, resent: 0 });
    expect(fakes.queue.attempts - before).toBe(1);
  });

  it('leaves young entries alone', async () => {
    fakes.queue.failing = true;
    await place();

    const counts = await reconcileOutbox(fakes.deps);

    expect(counts).toEqual({ resent: 0, expired: 0, dropped: 0, failed: 0 });
  });
});

describe('suspension', () => {
  it('still requests the other cancels when a listed order has just become final', async () => {
    const first = await place();
    const second = await place();
    const listed = [...(await fakes.store.allOpen('user-1'))];
    fakes.store.allOpen = async () => listed;
    fakes.store.orders.set(first, { ...fakes.store.orders.get(first)!, status: 'FILLED' });
    const actor = { type: 'system' as const, id: 'test' };

    const requested = await cancelOpenOrders(fakes.deps, 'user-1', actor, 'suspended');

    expect(requested).toBe(1);
    expect(fakes.store.orders.get(second)?.cancel_requested).toBe(true);
  });

  it('requests the cancellation of every open order once, even when the event repeats', async () => {
    const first = await place();
    const second = await place();
    const actor = { type: 'system' as const, id: 'test' };

    const once = await cancelOpenOrders(fakes.deps, 'user-1', actor, 'suspended');
    const again = await cancelOpenOrders(fakes.deps, 'user-1', actor, 'suspended');

    expect(once).toBe(2);
    expect(again).toBe(0);
    expect(fakes.store.orders.get(first)?.cancel_requested).toBe(true);
    expect(fakes.store.orders.get(second)?.cancel_requested).toBe(true);
  });

  it('consumes user.suspended events after its cursor and skips other events', async () => {
    await place('user-2');
    const positions = new Map<string, string>();
    const cursors: CursorStore = {
      get: async (name) => positions.get(name),
      set: async (name, position) => void positions.set(name, position),
    };
    const base = {
      version: 1 as const,
      occurred_at: '2026-03-01T11:00:00.000Z',
      actor: 'admin',
      reason: 'fraud',
      from_status: 'ACTIVE' as const,
    };
    const events: UserEventFeed = {
      after: async (position) =>
        position === undefined
          ? [
              {
                position: 'a',
                event: {
                  ...base,
                  type: 'user.reactivated',
                  event_id: crypto.randomUUID(),
                  user_id: 'user-1',
                },
              },
              {
                position: 'b',
                event: {
                  ...base,
                  type: 'user.suspended',
                  event_id: crypto.randomUUID(),
                  user_id: 'user-2',
                },
              },
              { position: 'c', event: undefined },
            ]
          : [],
    };

    const handled = await consumeUserEvents({ ...fakes.deps, events, cursors });

    expect(handled).toBe(1);
    expect(positions.get('USER_EVENTS')).toBe('c');
    expect([...fakes.store.orders.values()].every((o) => o.cancel_requested)).toBe(true);
  });
});
