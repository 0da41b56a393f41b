import { describe, expect, it } from 'vitest';
import { sendHeartbeats, sessionRevokedMessage } from '../../../functions/streams/heartbeat';
import { streamWorld } from './fakes';

const connection = (connectionId: string, userId: string | null, sessionId: string | null) => ({
  connectionId,
  userId,
  sessionId,
  ip: '198.51.100.1',
  connectedAt: '2026-11-24T11:00:00.000Z',
  rejected: null,
});

describe('heartbeats', () => {
  it('closes the connections whose session fell, checking each session once', async () => {
    const world = streamWorld({ connectionsPerUser: 10 });
    await world.connections.open(connection('live', 'alice', 'alice-1'));
    await world.connections.open(connection('revoked-a', 'bob', 'bob-1'));
    await world.connections.open(connection('revoked-b', 'bob', 'bob-1'));
    await world.connections.open(connection('anonymous', null, null));
    const checked: string[] = [];
    const sessions = {
      stands: async (userId: string, sessionId: string) => {
        checked.push(`${userId}/${sessionId}`);
        return userId === 'alice';
      },
    };

    const result = await sendHeartbeats({ ...world.deps, sessions });

    expect(result).toEqual({ connections: 4, revoked: 2, unchecked: 0 });
    expect(checked.sort()).toEqual(['alice/alice-1', 'bob/bob-1']);
    expect(world.poster.to('revoked-a')).toEqual([sessionRevokedMessage]);
    expect(world.poster.closed.sort()).toEqual(['revoked-a', 'revoked-b']);
    expect([...world.connections.records.keys()].sort()).toEqual(['anonymous', 'live']);
    expect(world.poster.to('live')).toEqual([
      { event: 'heartbeat', time: '2026-11-24T12:00:00.000Z' },
    ]);
    expect(world.poster.to('anonymous')).toHaveLength(1);
  });

  it('completes the run when one session cannot be read, checking it again next time', async () => {
    const world = streamWorld({ connectionsPerUser: 10 });
    await world.connections.open(connection('alice-conn', 'alice', 'alice-1'));
    await world.connections.open(connection('bob-conn', 'bob', 'bob-1'));
    const sessions = {
      stands: async (userId: string) => {
        if (userId === 'bob') throw new Error('session state read was throttled');
        return true;
      },
    };

    const result = await sendHeartbeats({ ...world.deps, sessions });

    expect(result).toEqual({ connections: 2, revoked: 0, unchecked: 1 });
    expect(world.poster.to('bob-conn')).toHaveLength(1);
  });

  it('forgets a connection that is gone', async () => {
    const world = streamWorld();
    await world.connections.open(connection('gone', 'alice', 'alice-1'));
    world.poster.gone.add('gone');

    await sendHeartbeats({ ...world.deps, sessions: { stands: async () => true } });

    expect(world.connections.records.size).toBe(0);
  });
});
