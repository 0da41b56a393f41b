import { describe, expect, it } from 'vitest';
import { connect } from '../../../functions/streams/connect';
import { handleMessage } from '../../../functions/streams/messages';
import { streamWorld } from './fakes';

const auth = {
  authenticate: async (token: string) =>
    token === 'good-alice' ? { userId: 'alice', sessionId: 'session-1' } : undefined,
};

const open = async (world: ReturnType<typeof streamWorld>, id: string, token?: string) =>
  connect({ ...world.deps, auth }, { connectionId: id, ip: '198.51.100.1', token });

describe('connecting', () => {
  it('records a bad token as rejected instead of refusing the upgrade', async () => {
    const world = streamWorld();

    const record = await open(world, 'c1', 'forged');

    expect(record).toMatchObject({ userId: null, rejected: 'AUTHENTICATION_FAILED' });
  });

  it('rejects a connection over the per-user limit, and another over the per-address one', async () => {
    const world = streamWorld({ connectionsPerUser: 2, connectionsPerIp: 3 });
    await open(world, 'c1', 'good-alice');
    await open(world, 'c2', 'good-alice');

    const third = await open(world, 'c3', 'good-alice');
    const anonymous = await open(world, 'c4');
    const overIp = await open(world, 'c5');

    expect(third.rejected).toBe('CONNECTION_LIMIT');
    expect(anonymous.rejected).toBeNull();
    expect(overIp.rejected).toBe('CONNECTION_LIMIT');
  });
});

describe('client messages', () => {
  it('acknowledges public subscriptions and lists them', async () => {
    const world = streamWorld();
    await open(world, 'c1');

    await handleMessage(
      world.deps,
      'c1',
      '{"op":"subscribe","channels":["trades.BTCUSDT"],"id":1}',
    );
    await handleMessage(world.deps, 'c1', '{"op":"list","id":2}');

    expect(world.poster.to('c1')).toEqual([
      { event: 'subscribed', id: 1, channels: ['trades.BTCUSDT'] },
      { event: 'list', id: 2, channels: ['trades.BTCUSDT'] },
    ]);
  });

  it('refuses a private channel to an anonymous connection', async () => {
    const world = streamWorld();
    await open(world, 'c1');

    await handleMessage(world.deps, 'c1', '{"op":"subscribe","channels":["orders"],"id":7}');

    expect(world.poster.to('c1')).toEqual([
      expect.objectContaining({ event: 'error', code: 'AUTHENTICATION_REQUIRED', id: 7 }),
    ]);
  });

  it('answers SUBSCRIPTION_LIMIT past the per-connection limit and keeps the others', async () => {
    const world = streamWorld({ subscriptionsPerConnection: 2 });
    await open(world, 'c1');
    const channels = ['trades.BTCUSDT', 'ticker.BTCUSDT', 'orderbook.BTCUSDT'];

    await handleMessage(world.deps, 'c1', JSON.stringify({ op: 'subscribe', channels, id: 1 }));

    const messages = world.poster.to('c1');
    expect(messages[0]).toMatchObject({ code: 'SUBSCRIPTION_LIMIT', channel: 'orderbook.BTCUSDT' });
    expect(messages[1]).toMatchObject({ event: 'subscribed', channels: channels.slice(0, 2) });
  });

  it('replays the kept private events after from_seq, in order', async () => {
    const world = streamWorld();
    await open(world, 'c1', 'good-alice');
    for (const sourceId of ['a', 'b', 'c']) {
      await world.events.commit({
        userId: 'alice',
        channel: 'balances',
        sourceId,
        previous: await world.events.current('alice', 'balances'),
        event: { event: 'balance', data: { n: sourceId }, at: 'now' },
      });
    }

    await handleMessage(
      world.deps,
      'c1',
      '{"op":"subscribe","channels":[{"name":"balances","from_seq":1}],"id":1}',
    );

    expect(world.poster.to('c1')).toEqual([
      { event: 'subscribed', id: 1, channels: ['balances'], seqs: { balances: 3 } },
      { channel: 'balances', event: 'balance', seq: 2, data: { n: 'b' } },
      { channel: 'balances', event: 'balance', seq: 3, data: { n: 'c' } },
    ]);
  });

  it('answers RESUME_UNAVAILABLE when the events after from_seq are no longer kept', async () => {
    const world = streamWorld();
    await open(world, 'c1', 'good-alice');
    world.events.events.set('alice#orders', [{ seq: 9, event: 'order', data: {}, at: 'now' }]);

    await handleMessage(
      world.deps,
      'c1',
      '{"op":"subscribe","channels":[{"name":"orders","from_seq":3}]}',
    );

    expect(world.poster.to('c1')[1]).toMatchObject({ code: 'RESUME_UNAVAILABLE' });
  });

  it('answers RESUME_UNAVAILABLE when every event after from_seq expired, not when none followed', async () => {
    const world = streamWorld();
    await open(world, 'c1', 'good-alice');
    await open(world, 'c2', 'good-alice');
    world.events.counters.set('alice#orders', 10);
    world.events.events.set('alice#orders', []);

    await handleMessage(
      world.deps,
      'c1',
      '{"op":"subscribe","channels":[{"name":"orders","from_seq":5}]}',
    );
    await handleMessage(
      world.deps,
      'c2',
      '{"op":"subscribe","channels":[{"name":"orders","from_seq":10}]}',
    );

    expect(world.poster.to('c1')[1]).toMatchObject({ code: 'RESUME_UNAVAILABLE' });
    expect(world.poster.to('c2')).toEqual([
      { event: 'subscribed', channels: ['orders'], seqs: { orders: 10 } },
    ]);
  });

  it('answers a rejected connection with its error and closes it', async () => {
    const world = streamWorld();
    await open(world, 'c1', 'forged');

    await handleMessage(world.deps, 'c1', '{"op":"ping"}');

    expect(world.poster.to('c1')).toEqual([
      expect.objectContaining({ event: 'error', code: 'AUTHENTICATION_FAILED' }),
    ]);
    expect(world.poster.closed).toEqual(['c1']);
  });

  it('answers INVALID_MESSAGE to a frame that is not a known op', async () => {
    const world = streamWorld();
    await open(world, 'c1');

    await handleMessage(world.deps, 'c1', '{"op":"shout"}');

    expect(world.poster.to('c1')).toEqual([
      expect.objectContaining({ event: 'error', code: 'INVALID_MESSAGE' }),
    ]);
  });
});
