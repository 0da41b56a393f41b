import { describe, expect, it } from 'vitest';
import { signInNewMember } from '../../support/users';
import { connected, openStream, subscribe } from './support';

describe('WebSocket protocol', () => {
  it('greets an anonymous connection and answers ping and list', async () => {
    const client = await openStream();
    const hello = await connected(client);
    client.send({ op: 'ping', id: 'p' });
    const pong = await client.next((m) => m['event'] === 'pong');
    await subscribe(client, ['trades.BTCUSDT', 'orderbook.ETHUSDT'], 2);
    client.send({ op: 'list', id: 3 });
    const list = await client.next((m) => m['event'] === 'list');

    expect(hello).toMatchObject({ authenticated: false });
    expect(pong).toMatchObject({ id: 'p' });
    expect([...list['channels']].sort()).toEqual(['orderbook.ETHUSDT', 'trades.BTCUSDT']);
    await client.close();
  });

  it('refuses private channels without a token and unknown channels, keeping the connection', async () => {
    const client = await openStream();
    await connected(client);

    const refused = await subscribe(client, ['orders'], 1);
    const unknown = await subscribe(client, ['orderbook.DOGEUSDT'], 2);
    client.send('not json');
    const invalid = await client.next((m) => m['code'] === 'INVALID_MESSAGE');
    client.send({ op: 'ping', id: 4 });

    expect(refused).toMatchObject({ event: 'error', code: 'AUTHENTICATION_REQUIRED' });
    expect(unknown).toMatchObject({ event: 'error', code: 'UNKNOWN_CHANNEL' });
    expect(invalid['event']).toBe('error');
    expect(await client.next((m) => m['event'] === 'pong')).toMatchObject({ id: 4 });
    await client.close();
  });

  it('sends an error event and closes a connection with an invalid token', async () => {
    const client = await openStream('not-a-token');

    const error = await client.next((m) => m['event'] === 'error');

    expect(error['code']).toBe('AUTHENTICATION_FAILED');
    await expect(client.closed).resolves.toBeTypeOf('number');
  });

  it('refuses a connection over the per-user limit with an error event', async () => {
    const user = await signInNewMember(['trader'], 'ws-limit');
    const open = await Promise.all(Array.from({ length: 10 }, () => openStream(user.accessToken)));
    await Promise.all(open.map(connected));

    const extra = await openStream(user.accessToken);
    const error = await extra.next((m) => m['event'] === 'error');

    expect(error['code']).toBe('CONNECTION_LIMIT');
    await expect(extra.closed).resolves.toBeTypeOf('number');
    await Promise.all(open.map((client) => client.close()));
  });
});
