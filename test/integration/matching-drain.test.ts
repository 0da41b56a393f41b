import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  DeleteMessageBatchCommand,
  DeleteQueueCommand,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DynamoJournal } from '../../matching-service/src/adapters/dynamo-journal';
import type { PlaceCommand } from '../../shared/contracts/commands';
import { limitPlace } from '../support/commands';
import { matchingSandbox } from '../support/matching-sandbox';
import { queueDepth, waitFor } from '../support/polling';

/** Commands on the queue before the service starts, so a drain always finds work in hand. */
const PRELOADED = 100;
/** The service's receive batch size: one aborted long poll hides at most this many. */
const RECEIVE_BATCH = 10;

const sqs = new SQSClient({ useQueueUrlAsEndpoint: false });

/** A resting buy nobody sells into; it settles as an anomaly (no order item) and moves nothing. */
const place = (account: string): PlaceCommand =>
  limitPlace({
    symbol: 'ETHUSDT',
    commandId: randomUUID(),
    orderId: randomUUID(),
    account,
    side: 'BUY',
    price: 300_000,
    quantity: 10,
    issuedAt: Date.now(),
    expiresAt: Date.now() + 600_000,
  });

async function sendTen(queueUrl: string, account: string, sent: string[]): Promise<void> {
  const commands = Array.from({ length: 10 }, () => place(account));
  const { Failed = [] } = await sqs.send(
    new SendMessageBatchCommand({
      QueueUrl: queueUrl,
      Entries: commands.map((command, i) => ({
        Id: String(i),
        MessageBody: JSON.stringify(command),
        MessageGroupId: 'ETHUSDT',
        MessageDeduplicationId: command.command_id,
      })),
    }),
  );
  if (Failed.length > 0) throw new Error(`${Failed.length} command(s) not sent`);
  sent.push(...commands.map((command) => command.command_id));
}

/**
 * Everything left on the queue, in-flight messages included: the loop only ends when nothing is
 * visible or hidden, so a message a receive still hides reappears (5 s visibility) and is read.
 */
async function leftOnQueue(queueUrl: string) {
  const left: { commandId: string; receiveCount: number }[] = [];
  while ((await queueDepth(queueUrl)) > 0) {
    const { Messages = [] } = await sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: queueUrl,
        MaxNumberOfMessages: 10,
        WaitTimeSeconds: 1,
        MessageSystemAttributeNames: ['ApproximateReceiveCount'],
      }),
    );
    if (Messages.length === 0) continue;
    for (const m of Messages) {
      left.push({
        commandId: (JSON.parse(m.Body!) as PlaceCommand).command_id,
        receiveCount: Number(m.Attributes?.ApproximateReceiveCount ?? '1'),
      });
    }
    await sqs.send(
      new DeleteMessageBatchCommand({
        QueueUrl: queueUrl,
        Entries: Messages.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle! })),
      }),
    );
  }
  return left;
}

/**
 * SIGTERM lands while the service works through a backlog that keeps growing. Afterwards the
 * queue is read to the end — hidden messages reappear after the 5 s visibility, so the reading
 * is exact, not approximate — and compared with the journal: one group, so the journal must be
 * exactly the first commands sent, once each, and the queue exactly the rest, none journaled.
 * A batch journaled and not deleted, a duplicate or a gap fails it. A batch the service held
 * and dropped unjournaled looks, from outside, like a long poll the signal cut short (≤ one
 * batch hidden, receive count 2): that bound is what the last assertion can hold it to.
 */
describe('matching service drain', () => {
  it('journals and deletes every batch in hand on SIGTERM mid-stream and exits 0', async () => {
    // Arrange: a service of its own, a backlog, and a stream that goes on through the drain.
    const { run, queueUrl, journalTable, port, env, log } = await matchingSandbox('drain', {
      LOG_LEVEL: 'WARN',
    });
    const account = `drain-${run}-u1`;
    const sent: string[] = [];
    for (let i = 0; i < PRELOADED / 10; i++) await sendTen(queueUrl, account, sent);
    const child = spawn(process.execPath, ['--import', 'tsx', 'matching-service/src/main.ts'], {
      env,
      stdio: ['ignore', log, log],
    });
    const exited = new Promise<number | null>((done) => child.on('exit', done));
    let exitedYet = false;
    void exited.then(() => (exitedYet = true));
    const processed = async () => {
      const answer = await fetch(`http://127.0.0.1:${port}/health`);
      return ((await answer.json()) as { commands_processed: number }).commands_processed;
    };
    let stream: Promise<void> = Promise.resolve();
    try {
      await waitFor(processed, 60_000);
      stream = (async () => {
        while (!exitedYet) {
          await sendTen(queueUrl, account, sent);
          await new Promise((r) => setTimeout(r, 50));
        }
      })();
      await waitFor(async () => ((await processed()) >= 20 ? true : undefined), 30_000);

      // Act
      const stoppedAt = Date.now();
      child.kill('SIGTERM');
      const code = await exited;
      const stoppedInMs = Date.now() - stoppedAt;
      await stream;

      // Assert
      const journal = new DynamoJournal(
        DynamoDBDocumentClient.from(new DynamoDBClient({})),
        journalTable,
        'test',
      );
      const journaled: string[] = [];
      for await (const record of journal.readAfter('ETHUSDT', 0)) {
        for (const entry of record.entries)
          journaled.push(entry.command?.command_id ?? entry.messageId);
      }
      const left = await leftOnQueue(queueUrl);
      const leftIds = left.map((m) => m.commandId);
      expect(code).toBe(0);
      expect(stoppedInMs).toBeLessThan(30_000);
      expect(journaled.length).toBeGreaterThanOrEqual(20);
      expect(new Set(journaled).size).toBe(journaled.length);
      expect(journaled.filter((id) => leftIds.includes(id))).toEqual([]);
      expect(journaled).toEqual(sent.slice(0, journaled.length));
      expect(leftIds.sort()).toEqual(sent.slice(journaled.length).sort());
      // Delivered before yet left: only what a long poll cut short by the signal had hidden.
      expect(left.filter((m) => m.receiveCount > 1).length).toBeLessThanOrEqual(RECEIVE_BATCH);
    } finally {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await sqs.send(new DeleteQueueCommand({ QueueUrl: queueUrl }));
    }
  }, 180_000);
});
