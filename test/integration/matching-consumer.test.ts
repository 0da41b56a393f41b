import { DynamoDBClient, GetItemCommand, QueryCommand } from '@aws-sdk/client-dynamodb';
import { DeleteQueueCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { localEnv } from '../support/local-stack';
import { matchingSandbox } from '../support/matching-sandbox';
import { freePort, queueDepth, waitFor } from '../support/polling';

const sqs = () => new SQSClient({ useQueueUrlAsEndpoint: false });

describe('matching service consumer', () => {
  it('receives and acknowledges commands, poison messages included', async () => {
    // Arrange
    const queueUrl = localEnv()['ORDERS_QUEUE_URL_ETH']!;
    const command = {
      v: 1,
      type: 'cancel',
      command_id: randomUUID(),
      symbol: 'ETHUSDT',
      issued_at: Date.now(),
      order_id: 'o-1',
      account_id: 'u-1',
    };
    // Act
    for (const [body, id] of [
      [JSON.stringify(command), command.command_id],
      ['{"not":"a command"}', randomUUID()],
    ] as const) {
      await sqs().send(
        new SendMessageCommand({
          QueueUrl: queueUrl,
          MessageBody: body,
          MessageGroupId: 'ETHUSDT',
          MessageDeduplicationId: id,
        }),
      );
    }
    // Assert
    await waitFor(async () => ((await queueDepth(queueUrl)) === 0 ? true : undefined), 20_000);
    expect(await queueDepth(queueUrl)).toBe(0);
  });

  it('reports health, then drains and exits 0 on SIGTERM after writing its heartbeat', async () => {
    // Arrange
    const env = localEnv();
    const port = await freePort();
    const instanceId = `test-${randomUUID()}`;
    const child = spawn(process.execPath, ['--import', 'tsx', 'matching-service/src/main.ts'], {
      env: {
        ...process.env,
        ...env,
        ORDERS_QUEUE_URL: env['ORDERS_QUEUE_URL_ETH']!,
        MATCHING_SHARD: 'eth',
        MATCHING_HEALTH_PORT: String(port),
        MATCHING_INSTANCE_ID: instanceId,
        LOG_LEVEL: 'WARN',
      },
      stdio: 'ignore',
    });
    const exited = new Promise<number | null>((done) => child.on('exit', done));
    await waitFor(async () => {
      const response = await fetch(`http://127.0.0.1:${port}/health`);
      return response.ok ? true : undefined;
    }, 30_000);
    const health = (await (await fetch(`http://127.0.0.1:${port}/health`)).json()) as Record<
      string,
      unknown
    >;
    const beat = await new DynamoDBClient({}).send(
      new GetItemCommand({
        TableName: env['JOURNAL_TABLE']!,
        Key: { pk: { S: 'HEARTBEAT' }, sk: { S: `matching#${instanceId}` } },
      }),
    );
    // Act
    const stoppedAt = Date.now();
    child.kill('SIGTERM');
    // Assert
    expect(await exited).toBe(0);
    expect(Date.now() - stoppedAt).toBeLessThan(30_000);
    expect(beat.Item?.['instance_id']?.S).toBe(instanceId);
    expect(beat.Item?.['shard']?.S).toBe('eth');
    expect(health).toMatchObject({
      instance_id: instanceId,
      shard: 'eth',
      queue_lag_ms: expect.any(Number),
      timing: { applyMs: expect.any(Number), journalMs: expect.any(Number) },
    });
  });

  it('never applies or journals a command for a symbol it does not own, and leaves it queued', async () => {
    // Arrange: a task of shard eth (ETHUSDT only), on a queue, journal and market data of its own.
    const { queueUrl, journalTable, port, env, log } = await matchingSandbox('shard', {
      LOG_LEVEL: 'ERROR',
    });
    const child = spawn(process.execPath, ['--import', 'tsx', 'matching-service/src/main.ts'], {
      env,
      stdio: ['ignore', log, log],
    });
    const exited = new Promise((done) => child.on('exit', done));
    const cancelOn = (symbol: string) => ({
      v: 1,
      type: 'cancel',
      command_id: randomUUID(),
      symbol,
      issued_at: Date.now(),
      order_id: `o-${symbol}`,
      account_id: 'u-1',
    });
    try {
      // Act
      for (const command of [cancelOn('BTCUSDT'), cancelOn('ETHUSDT')]) {
        await sqs().send(
          new SendMessageCommand({
            QueueUrl: queueUrl,
            MessageBody: JSON.stringify(command),
            MessageGroupId: command.symbol,
            MessageDeduplicationId: command.command_id,
          }),
        );
      }
      const health = await waitFor(async () => {
        const answer = await fetch(`http://127.0.0.1:${port}/health`).catch(() => undefined);
        const body = answer?.ok
          ? ((await answer.json()) as { commands_processed: number; foreign_messages: number })
          : undefined;
        return body !== undefined && body.commands_processed >= 1 && body.foreign_messages >= 2
          ? body
          : undefined;
      }, 30_000);
      const journaled = async (symbol: string) =>
        (
          await new DynamoDBClient({}).send(
            new QueryCommand({
              TableName: journalTable,
              KeyConditionExpression: 'pk = :pk',
              ExpressionAttributeValues: { ':pk': { S: `JOURNAL#${symbol}` } },
            }),
          )
        ).Count;
      // Assert
      expect(health.commands_processed).toBe(1);
      expect(await queueDepth(queueUrl)).toBe(1);
      expect(await journaled('ETHUSDT')).toBe(1);
      expect(await journaled('BTCUSDT')).toBe(0);
    } finally {
      child.kill('SIGTERM');
      await exited;
      await sqs().send(new DeleteQueueCommand({ QueueUrl: queueUrl }));
    }
  });
});
