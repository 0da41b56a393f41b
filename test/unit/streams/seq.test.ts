import { describe, expect, it } from 'vitest';
import { allocateSeq } from '../../../functions/streams/seq';
import { InMemoryEventLog } from './fakes';

const event = { event: 'balance', data: { asset: 'BTC' }, at: '2026-11-24T12:00:00Z' };

describe('seq allocation', () => {
  it('numbers the events of an account and channel 1, 2, 3 without gaps', async () => {
    const log = new InMemoryEventLog();

    const seqs = [];
    for (const sourceId of ['r1', 'r2', 'r3']) {
      seqs.push((await allocateSeq(log, { userId: 'u', channel: 'orders', sourceId, event })).seq);
    }

    expect(seqs).toEqual([1, 2, 3]);
    expect((await log.since('u', 'orders', 0)).events.map((e) => e.seq)).toEqual([1, 2, 3]);
  });

  it('keeps separate sequences per account and per channel', async () => {
    const log = new InMemoryEventLog();

    const a = await allocateSeq(log, { userId: 'a', channel: 'orders', sourceId: 's1', event });
    const b = await allocateSeq(log, { userId: 'b', channel: 'orders', sourceId: 's2', event });
    const c = await allocateSeq(log, { userId: 'a', channel: 'balances', sourceId: 's3', event });

    expect([a.seq, b.seq, c.seq]).toEqual([1, 1, 1]);
  });

  it('answers the first seq again for a redelivered record and stores nothing new', async () => {
    const log = new InMemoryEventLog();
    await allocateSeq(log, { userId: 'u', channel: 'orders', sourceId: 'r1', event });
    await allocateSeq(log, { userId: 'u', channel: 'orders', sourceId: 'r2', event });

    const again = await allocateSeq(log, { userId: 'u', channel: 'orders', sourceId: 'r1', event });

    expect(again).toEqual({ seq: 1, redelivered: true });
    expect(await log.current('u', 'orders')).toBe(2);
  });

  it('retries when a concurrent writer took the next seq, leaving no gap and no duplicate', async () => {
    const log = new InMemoryEventLog();
    let raced = false;
    log.interfere = (commit) => {
      if (raced || commit.sourceId !== 'mine') return;
      raced = true;
      log.counters.set('u#orders', commit.previous + 1);
      log.sources.set('theirs', commit.previous + 1);
      log.events.set('u#orders', [{ ...event, seq: commit.previous + 1 }]);
    };

    const mine = await allocateSeq(log, {
      userId: 'u',
      channel: 'orders',
      sourceId: 'mine',
      event,
    });

    expect(mine).toEqual({ seq: 2, redelivered: false });
    expect((await log.since('u', 'orders', 0)).events.map((e) => e.seq)).toEqual([1, 2]);
  });

  it('gives up after repeated conflicts instead of looping forever', async () => {
    const log = new InMemoryEventLog();
    log.interfere = (commit) => log.counters.set('u#orders', commit.previous + 1);

    await expect(
      allocateSeq(log, { userId: 'u', channel: 'orders', sourceId: 'x', event }),
    ).rejects.toThrow('no seq for orders');
  });
});
