import { describe, expect, it } from 'vitest';
import { connectionOf } from '../../../functions/streams/connection-items';
import { fanOut, type ChangeRecord, type FanoutDeps } from '../../../functions/streams/fanout';
import { streamWorld } from './fakes';

const balance = (userId: string, available: bigint, locked = 0n) => ({
  user_id: userId,
  asset: 'USDT',
  available,
  locked,
  version: 1n,
  updated_at: '2026-11-24T12:00:00Z',
});

const balanceChange = (id: string, userId: string, available: bigint): ChangeRecord => ({
  source: 'trading',
  id,
  eventName: 'MODIFY',
  keys: { pk: `ACCOUNT#${userId}`, sk: 'BALANCE#USDT' },
  newImage: balance(userId, available),
  oldImage: balance(userId, 0n),
});

const setup = async () => {
  const world = streamWorld();
  const deps: FanoutDeps = {
    ...world.deps,
    ticker: async () => {
      throw new Error('no ticker expected');
    },
    connectionOf,
  };
  for (const [id, userId] of [
    ['a1', 'alice'],
    ['b1', 'bob'],
  ] as const) {
    await world.connections.open({
      connectionId: id,
      userId,
      sessionId: `s-${userId}`,
      ip: 'x',
      connectedAt: '',
      rejected: null,
    });
    await world.connections.subscribe(id, 'balances', `balances#${userId}`, 10, 0);
  }
  return { world, deps };
};

describe('fan-out', () => {
  it("sends a balance change to its owner's connections only, with the next seq", async () => {
    const { world, deps } = await setup();

    await fanOut(deps, [balanceChange('r1', 'alice', 5_000_000_000n)]);
    await fanOut(deps, [balanceChange('r2', 'alice', 7_000_000_000n)]);

    expect(world.poster.to('a1')).toEqual([
      {
        channel: 'balances',
        event: 'balance',
        seq: 1,
        data: { asset: 'USDT', available: '50', locked: '0' },
      },
      {
        channel: 'balances',
        event: 'balance',
        seq: 2,
        data: { asset: 'USDT', available: '70', locked: '0' },
      },
    ]);
    expect(world.poster.to('b1')).toEqual([]);
  });

  it('re-sends a redelivered record with its first seq', async () => {
    const { world, deps } = await setup();

    await fanOut(deps, [balanceChange('r1', 'alice', 1n)]);
    await fanOut(deps, [balanceChange('r1', 'alice', 1n)]);

    expect(world.poster.to('a1').map((m) => m['seq'])).toEqual([1, 1]);
    expect(await world.events.current('alice', 'balances')).toBe(1);
  });

  it('skips changes the owner cannot see: the fee account and unchanged views', async () => {
    const { world, deps } = await setup();
    const unchanged = { ...balanceChange('r2', 'alice', 0n), oldImage: balance('alice', 0n) };

    await fanOut(deps, [
      balanceChange('r1', 'FEES', 1n),
      balanceChange('r3', 'FEES-btc', 1n),
      unchanged,
    ]);

    expect(world.poster.posts).toEqual([]);
  });

  it('sends a book diff in decimals to the channel and forgets gone connections', async () => {
    const { world, deps } = await setup();
    await world.connections.subscribe('a1', 'orderbook.BTCUSDT', 'orderbook.BTCUSDT', 10, 0);
    await world.connections.subscribe('b1', 'orderbook.BTCUSDT', 'orderbook.BTCUSDT', 10, 0);
    world.poster.gone.add('b1');
    const diff = {
      symbol: 'BTCUSDT',
      first_seq: 5,
      last_seq: 7,
      bids: [[3_000_000, 0]],
      asks: [[3_000_100, 20]],
      at: 'now',
    };

    await fanOut(deps, [
      {
        source: 'marketData',
        id: 'm1',
        eventName: 'INSERT',
        keys: { pk: 'DIFF#BTCUSDT', sk: '7' },
        newImage: diff,
      },
    ]);

    expect(world.poster.to('a1')).toEqual([
      {
        channel: 'orderbook.BTCUSDT',
        event: 'diff',
        data: {
          symbol: 'BTCUSDT',
          first_seq: 5,
          last_seq: 7,
          bids: [['30000', '0']],
          asks: [['30001', '0.0002']],
          at: 'now',
        },
      },
    ]);
    expect(await world.connections.get('b1')).toBeUndefined();
  });

  it('closes a connection it failed to post to, and still reaches the others once', async () => {
    const { world, deps } = await setup();
    await world.connections.open({
      connectionId: 'a2',
      userId: 'alice',
      sessionId: 's-alice',
      ip: 'x',
      connectedAt: '',
      rejected: null,
    });
    await world.connections.subscribe('a2', 'balances', 'balances#alice', 10, 0);
    const post = world.poster.post.bind(world.poster);
    world.poster.post = async (connectionId, message) => {
      if (connectionId === 'a2') {
        throw Object.assign(new Error('Rate exceeded'), { name: 'LimitExceededException' });
      }
      return post(connectionId, message);
    };

    await fanOut(deps, [balanceChange('r1', 'alice', 1n), balanceChange('r2', 'alice', 2n)]);

    expect(world.poster.to('a1').map((m) => m['seq'])).toEqual([1, 2]);
    expect(world.poster.closed).toEqual(['a2', 'a2']);
  });

  it('tells a rejected connection why and closes it', async () => {
    const { world, deps } = await setup();
    const meta = {
      connection_id: 'z9',
      user_id: null,
      ip: 'x',
      connected_at: 'now',
      rejected: 'CONNECTION_LIMIT',
    };

    await fanOut(deps, [
      {
        source: 'streams',
        id: 's1',
        eventName: 'INSERT',
        keys: { pk: 'CONN#z9', sk: 'META' },
        newImage: meta,
      },
    ]);

    expect(world.poster.to('z9')).toEqual([expect.objectContaining({ code: 'CONNECTION_LIMIT' })]);
    expect(world.poster.closed).toEqual(['z9']);
  });
});
