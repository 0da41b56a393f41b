import { describe, expect, it } from 'vitest';
import type { JournalRecord } from '../../../matching-service/src/journal/record';
import type { Journal } from '../../../matching-service/src/ports';
import { SettlementQueue, type Settler } from '../../../matching-service/src/settlement/settler';
import { createLogger } from '../../../shared/logging/logger';

const logger = createLogger('test');
logger.setLogLevel('SILENT');

const record = (symbol: string, seq: number, writtenAt = 0): JournalRecord => ({
  symbol,
  seq,
  firstEventSeq: seq,
  lastEventSeq: seq,
  entries: [],
  writtenAt,
});

/** Only the cursor matters here. */
function cursor(): Journal & { marks: string[] } {
  const marks: string[] = [];
  return {
    marks,
    append: async () => undefined,
    readAfter: async function* () {},
    latestSnapshot: async () => undefined,
    saveSnapshot: async () => undefined,
    settledThrough: async () => 0,
    markSettled: async (symbol, seq) => {
      marks.push(`${symbol}:${seq}`);
    },
  };
}

describe('SettlementQueue', () => {
  it('settles each symbol in journal order, retrying a failing record instead of skipping it', async () => {
    const settled: string[] = [];
    let failures = 2;
    const settler: Settler = {
      async settle(run) {
        if (run.some((r) => r.seq === 2) && failures-- > 0) throw new Error('throttled');
        settled.push(...run.map((r) => `${r.symbol}:${r.seq}`));
      },
    };
    const journal = cursor();
    const queue = new SettlementQueue(settler, journal, logger);

    for (const seq of [1, 2, 3]) queue.enqueue(record('BTCUSDT', seq));
    queue.enqueue(record('ETHUSDT', 1));
    await queue.idle();

    expect(settled.filter((s) => s.startsWith('BTC'))).toEqual([
      'BTCUSDT:1',
      'BTCUSDT:2',
      'BTCUSDT:3',
    ]);
    expect(settled).toContain('ETHUSDT:1');
    expect(journal.marks).toContain('BTCUSDT:3');
    expect(queue.stats()).toMatchObject({ backlog: 0, settledRecords: 4 });
  });

  it('reports the age of a record stuck in settlement as the lag', async () => {
    let now = 1_000;
    const stuck: Settler = { settle: () => new Promise(() => undefined) };
    const queue = new SettlementQueue(stuck, cursor(), logger, () => now);

    queue.enqueue(record('BTCUSDT', 1, 1_000));
    now = 61_000;

    expect(queue.stats()).toMatchObject({ backlog: 1, lagMs: 60_000 });
  });
});

describe('SettlementQueue hand-over between drains', () => {
  const hops = async (n: number) => {
    for (let i = 0; i < n; i += 1) await Promise.resolve();
  };

  /** Enqueues a second record `delay` microtasks after the first one's cursor write ends. */
  async function settledAfter(delay: number): Promise<number[]> {
    const settled: number[] = [];
    const settler: Settler = {
      settle: async (run) => {
        settled.push(...run.map((r) => r.seq));
      },
    };
    const releases: (() => void)[] = [];
    const journal: Journal = {
      ...cursor(),
      markSettled: () => new Promise<void>((done) => releases.push(done)),
    };
    const queue = new SettlementQueue(settler, journal, logger);
    queue.enqueue(record('BTCUSDT', 1));
    await new Promise((done) => setTimeout(done, 5));
    releases.shift()!();
    await hops(delay);
    queue.enqueue(record('BTCUSDT', 2));
    await new Promise((done) => setTimeout(done, 5));
    releases.shift()?.();
    await queue.idle(Date.now() + 1_000);
    return settled;
  }

  it('settles a record enqueued at any point as the previous drain finishes', async () => {
    const runs: number[][] = [];
    for (let delay = 0; delay < 12; delay += 1) runs.push(await settledAfter(delay));

    expect(runs).toEqual(Array.from({ length: 12 }, () => [1, 2]));
  });
});
