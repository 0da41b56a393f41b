import { describe, expect, it } from 'vitest';
import { call } from '../../support/http';
import { localEnv } from '../../support/local-stack';
import { signInNewMember, type SignedInUser } from '../../support/users';
import { connected, openStream, seqsOf, subscribe } from './support';

const api = () => localEnv()['API_URL']!;
const deposit = (user: SignedInUser, asset: string, amount: string) =>
  call(`${api()}/account/deposit`, {
    method: 'POST',
    headers: { authorization: `Bearer ${user.accessToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({ asset, amount }),
  });

describe('private streams', () => {
  it('delivers balance and order updates in seq order, to their owner only', async () => {
    const [alice, bob] = await Promise.all([
      signInNewMember(['trader'], 'ws-alice'),
      signInNewMember(['trader'], 'ws-bob'),
    ]);
    const aliceStream = await openStream(alice.accessToken);
    const bobStream = await openStream(bob.accessToken);
    await Promise.all([connected(aliceStream), connected(bobStream)]);
    await subscribe(aliceStream, ['balances', 'orders'], 1);
    await subscribe(bobStream, ['balances', 'orders'], 1);

    expect((await deposit(alice, 'USDT', '1000')).status).toBe(200);
    const order = await call(`${api()}/orders`, {
      method: 'POST',
      headers: { authorization: `Bearer ${alice.accessToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        symbol: 'BTCUSDT',
        side: 'BUY',
        type: 'LIMIT',
        price: '10000',
        quantity: '0.01',
      }),
    });
    expect(order.status).toBe(201);
    const placed = await aliceStream.next((m) => m['channel'] === 'orders');
    await aliceStream.next((m) => m['channel'] === 'balances' && m['data'].locked === '100');

    expect(placed).toMatchObject({ event: 'order', seq: 1, data: { id: order.body.data.id } });
    expect(seqsOf(aliceStream, 'balances').slice(0, 2)).toEqual([1, 2]);
    expect(
      aliceStream.messages.find((m) => m['seq'] === 1 && m['channel'] === 'balances'),
    ).toMatchObject({ data: { asset: 'USDT', available: '1000', locked: '0' } });
    expect(bobStream.messages.filter((m) => m['channel'] !== undefined)).toEqual([]);
    await Promise.all([aliceStream.close(), bobStream.close()]);
  });

  it('resumes after a disconnect from from_seq with no gap', async () => {
    const carol = await signInNewMember(['trader'], 'ws-carol');
    const first = await openStream(carol.accessToken);
    await connected(first);
    await subscribe(first, ['balances'], 1);
    await deposit(carol, 'USDT', '10');
    await first.next((m) => m['channel'] === 'balances' && m['seq'] === 1);
    await first.close();

    await deposit(carol, 'USDT', '20');
    await deposit(carol, 'BTC', '0.5');
    const second = await openStream(carol.accessToken);
    await connected(second);
    const ack = await subscribe(second, [{ name: 'balances', from_seq: 1 }], 2);
    // A live event may overtake the replay (the documented client waits for the missing seq).
    await second.next((m) => m['channel'] === 'balances' && m['seq'] === 2);
    await second.next((m) => m['channel'] === 'balances' && m['seq'] === 3);

    expect(ack).toMatchObject({ event: 'subscribed', channels: ['balances'] });
    expect(seqsOf(second, 'balances').sort((a, b) => a - b)).toEqual([2, 3]);
    expect(second.messages.filter((m) => m['seq'] === 3)[0]).toMatchObject({
      data: { asset: 'BTC', available: '0.5' },
    });
    await second.close();
  });
  it('closes a connection once its session is revoked, telling it why', async () => {
    const carol = await signInNewMember(['trader'], 'ws-carol');
    const stream = await openStream(carol.accessToken);
    await connected(stream);
    await subscribe(stream, ['balances'], 1);

    const logout = await call(`${api()}/auth/logout`, {
      method: 'POST',
      headers: { authorization: `Bearer ${carol.accessToken}`, 'content-type': 'application/json' },
      body: '{}',
    });
    const told = await stream.next((m) => m['event'] === 'error', 15_000);

    expect(logout.status).toBe(200);
    expect(told).toMatchObject({ code: 'SESSION_REVOKED' });
    expect(await stream.closed).toBeGreaterThan(0);
  });
});
