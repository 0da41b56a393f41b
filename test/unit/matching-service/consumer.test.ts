import { getEventListeners } from 'node:events';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  Consumer,
  type CommandProcessor,
  type DecodedMessage,
} from '../../../matching-service/src/consumer';
import type { CommandSource, QueueMessage } from '../../../matching-service/src/ports';
import { createLogger } from '../../../shared/logging/logger';

const logger = createLogger('test');
logger.setLogLevel('SILENT');

const cancel = (n: number): string =>
  JSON.stringify({
    v: 1,
    type: 'cancel',
    command_id: `c-${n}`,
    symbol: 'BTCUSDT',
    issued_at: 1,
    order_id: `o-${n}`,
    account_id: 'u-1',
  });

const message = (n: number, body = cancel(n)): QueueMessage => ({
  id: `m-${n}`,
  body,
  receiptHandle: `r-${n}`,
  groupId: 'BTCUSDT',
  sequenceNumber: String(n),
  receiveCount: 1,
});

/** Hands out the given batches, then aborts the run. */
class FakeSource implements CommandSource {
  readonly acked: string[] = [];
  /** Each visibility extension: the message ids and the seconds asked for. */
  readonly extended: { ids: string[]; seconds: number }[] = [];
  constructor(
    private readonly batches: QueueMessage[][],
    private readonly stop: AbortController,
  ) {}
  async receive(): Promise<readonly QueueMessage[]> {
    const next = this.batches.shift();
    if (next === undefined) this.stop.abort();
    return next ?? [];
  }
  async ack(m: QueueMessage): Promise<void> {
    this.acked.push(m.id);
  }
  async ackAll(messages: readonly QueueMessage[]): Promise<void> {
    this.acked.push(...messages.map((m) => m.id));
  }
  async extendVisibility(messages: readonly QueueMessage[], seconds: number): Promise<void> {
    this.extended.push({ ids: messages.map((m) => m.id), seconds });
  }
}

/** Records what it is given; fails a batch holding `failOn`; leaves `keep` unjournaled. */
function recorder(
  options: { failOn?: string; keep?: string } = {},
): CommandProcessor & { seen: (string | null)[] } {
  const seen: (string | null)[] = [];
  return {
    seen,
    async processBatch(batch: readonly DecodedMessage[]) {
      if (
        batch.some((item) => item.command !== null && item.command.command_id === options.failOn)
      ) {
        throw new Error('journal unavailable');
      }
      seen.push(...batch.map((item) => item.command?.command_id ?? null));
      return batch
        .filter((item) => item.command === null || item.command.command_id !== options.keep)
        .map((item) => item.message);
    },
  };
}

/** A processor whose batch stays in progress until `finish` is called. */
function slowProcessor(): CommandProcessor & { started: Promise<void>; finish: () => void } {
  let started!: () => void;
  let finish!: () => void;
  const finished = new Promise<void>((done) => (finish = done));
  return {
    started: new Promise<void>((done) => (started = done)),
    finish,
    async processBatch(batch: readonly DecodedMessage[]) {
      started();
      await finished;
      return batch.map((item) => item.message);
    },
  };
}

describe('Consumer', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('hands each batch over in order and acknowledges what was journaled', async () => {
    const stop = new AbortController();
    const source = new FakeSource([[message(1), message(2)], [message(3)]], stop);
    const processor = recorder();

    await new Consumer(source, processor, logger, 30).run(stop.signal);

    expect(processor.seen).toEqual(['c-1', 'c-2', 'c-3']);
    expect(source.acked).toEqual(['m-1', 'm-2', 'm-3']);
  });

  it('hands a poison message over as null and acknowledges it so it cannot block its group', async () => {
    const stop = new AbortController();
    const source = new FakeSource(
      [[message(1, '{"v":9}'), message(2, 'not json'), message(3)]],
      stop,
    );
    const processor = recorder();
    const consumer = new Consumer(source, processor, logger, 30);

    await consumer.run(stop.signal);

    expect(processor.seen).toEqual([null, null, 'c-3']);
    expect(source.acked).toEqual(['m-1', 'm-2', 'm-3']);
    expect(consumer.stats()).toMatchObject({ commandsProcessed: 1, poisonMessages: 2 });
  });

  it('treats a time no Date can hold as poison, so settlement and candles never meet it', async () => {
    const stop = new AbortController();
    const beyond = JSON.stringify({ ...JSON.parse(cancel(1)), issued_at: 8_640_000_000_000_001 });
    const source = new FakeSource([[message(1, beyond), message(2)]], stop);
    const processor = recorder();

    await new Consumer(source, processor, logger, 30).run(stop.signal);

    expect(processor.seen).toEqual([null, 'c-2']);
  });

  it('treats a quote-sized sell as poison: the engine would have no cap on the base it gives', async () => {
    const stop = new AbortController();
    const place = (side: 'BUY' | 'SELL') =>
      JSON.stringify({
        v: 1,
        type: 'place',
        command_id: `c-${side}`,
        symbol: 'BTCUSDT',
        issued_at: 1,
        order: {
          id: `o-${side}`,
          account_id: 'u-1',
          side,
          order_type: 'MARKET',
          time_in_force: 'IOC',
          post_only: false,
          quote_amount: 1000,
        },
      });
    const source = new FakeSource([[message(1, place('SELL')), message(2, place('BUY'))]], stop);
    const processor = recorder();

    await new Consumer(source, processor, logger, 30).run(stop.signal);

    expect(processor.seen).toEqual([null, 'c-BUY']);
  });

  it('leaves no abort listener behind when it pauses after a failed receive', async () => {
    const stop = new AbortController();
    const listeners: number[] = [];
    let calls = 0;
    const source = new FakeSource([], stop);
    source.receive = async () => {
      calls += 1;
      listeners.push(getEventListeners(stop.signal, 'abort').length);
      if (calls === 1) throw new Error('connection reset');
      stop.abort();
      return [];
    };

    await new Consumer(source, recorder(), logger, 30).run(stop.signal);

    expect(listeners).toEqual([0, 0]);
  });

  it('acknowledges nothing of a batch whose processing fails', async () => {
    const stop = new AbortController();
    const source = new FakeSource([[message(1), message(2), message(3)]], stop);
    const processor = recorder({ failOn: 'c-2' });

    await new Consumer(source, processor, logger, 30).run(stop.signal);

    expect(processor.seen).toEqual([]);
    expect(source.acked).toEqual([]);
  });

  it('leaves a message the processor did not journal for redelivery', async () => {
    const stop = new AbortController();
    const source = new FakeSource([[message(1), message(2)]], stop);
    const consumer = new Consumer(source, recorder({ keep: 'c-2' }), logger, 30);

    await consumer.run(stop.signal);

    expect(source.acked).toEqual(['m-1']);
    expect(consumer.stats().commandsProcessed).toBe(1);
  });

  it('reports the longest a received message waited in the queue, once per report', async () => {
    const stop = new AbortController();
    const sent = (n: number, sentAt: number) => ({ ...message(n), sentAt });
    const source = new FakeSource([[sent(1, 9_000), sent(2, 9_700)], [sent(3, 9_950)]], stop);
    const consumer = new Consumer(source, recorder(), logger, 30, () => new Date(10_000));

    await consumer.run(stop.signal);
    const worst = consumer.takeWorstQueueLag();
    const afterReport = consumer.takeWorstQueueLag();

    expect(worst).toBe(1_000);
    expect(consumer.stats().queueLagMs).toBe(50);
    expect(afterReport).toBe(0);
  });

  it('extends the visibility of a slow batch while it is processed, and stops once it is done', async () => {
    vi.useFakeTimers();
    const stop = new AbortController();
    const source = new FakeSource([[message(1), message(2)]], stop);
    const processor = slowProcessor();
    const running = new Consumer(source, processor, logger, 10).run(stop.signal);
    await processor.started;

    await vi.advanceTimersByTimeAsync(12_000);
    const whileInProgress = source.extended.length;
    processor.finish();
    await running;
    await vi.advanceTimersByTimeAsync(60_000);

    expect(whileInProgress).toBe(2);
    expect(source.extended).toEqual([
      { ids: ['m-1', 'm-2'], seconds: 10 },
      { ids: ['m-1', 'm-2'], seconds: 10 },
    ]);
    expect(source.acked).toEqual(['m-1', 'm-2']);
  });

  it('finishes and acknowledges the batch in hand when aborted mid-batch, then stops', async () => {
    const stop = new AbortController();
    const source = new FakeSource([[message(1), message(2)], [message(3)]], stop);
    const processor = slowProcessor();
    let stopped = false;
    const running = new Consumer(source, processor, logger, 30)
      .run(stop.signal)
      .then(() => (stopped = true));
    await processor.started;

    stop.abort();
    await new Promise((r) => setTimeout(r, 10));
    const stoppedBeforeBatchDone = stopped;
    processor.finish();
    await running;

    expect(stoppedBeforeBatchDone).toBe(false);
    expect(source.acked).toEqual(['m-1', 'm-2']);
  });
});
