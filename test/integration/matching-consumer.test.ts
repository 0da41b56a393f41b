import { GetItemCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { localEnv } from '../support/local-stack';
import { freePort, queueDepth, waitFor } from '../support/polling';

const sqs = () => new SQSClient({ useQueueUrlAsEndpoint: false });

describe('matching service consumer', () => {
  it('receives and acknowledges commands, poison messages included', async () => {
    // Arrange
    const queueUrl = localEnv()['ORDERS_QUEUE_URL']!;
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
    expect(health).toMatchObject({
      instance_id: instanceId,
      queue_lag_ms: expect.any(Number),
      timing: { applyMs: expect.any(Number), journalMs: expect.any(Number) },
    });
  });
});
