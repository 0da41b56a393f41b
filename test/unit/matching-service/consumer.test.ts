import { describe, expect, it } from 'vitest';
import { Consumer, type CommandProcessor } from '../../../matching-service/src/consumer';
import type { CommandSource, QueueMessage } from '../../../matching-service/src/ports';
import type { OrderCommand } from '../../../shared/contracts/commands';
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
  async extendVisibility(): Promise<void> {}
}

function recorder(failOn?: string): CommandProcessor & { seen: string[] } {
  const seen: string[] = [];
  return {
    seen,
    async process(command: OrderCommand) {
      if (command.command_id === failOn) throw new Error('journal unavailable');
      seen.push(command.command_id);
    },
  };
}

describe('Consumer', () => {
  it('processes and acknowledges each message in order', async () => {
    const stop = new AbortController();
    const source = new FakeSource([[message(1), message(2)], [message(3)]], stop);
    const processor = recorder();

    await new Consumer(source, processor, logger, 30).run(stop.signal);

    expect(processor.seen).toEqual(['c-1', 'c-2', 'c-3']);
    expect(source.acked).toEqual(['m-1', 'm-2', 'm-3']);
  });

  it('drops a poison message so it cannot block its group', async () => {
    const stop = new AbortController();
    const source = new FakeSource(
      [[message(1, '{"v":9}'), message(2, 'not json'), message(3)]],
      stop,
    );
    const processor = recorder();
    const consumer = new Consumer(source, processor, logger, 30);

    await consumer.run(stop.signal);

    expect(processor.seen).toEqual(['c-3']);
    expect(source.acked).toEqual(['m-1', 'm-2', 'm-3']);
    expect(consumer.stats()).toMatchObject({ commandsProcessed: 1, poisonMessages: 2 });
  });

  it('stops the batch at a failure and leaves it and later messages unacknowledged', async () => {
    const stop = new AbortController();
    const source = new FakeSource([[message(1), message(2), message(3)]], stop);
    const processor = recorder('c-2');

    await new Consumer(source, processor, logger, 30).run(stop.signal);

    expect(processor.seen).toEqual(['c-1']);
    expect(source.acked).toEqual(['m-1']);
  });
});
