import { readFile, mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { javaMissingMessage, startDynamoDbLocal } from '../../../infra/local/dynamodb';
import { assertPortsFree, configuredPorts, freePort } from '../../../infra/local/ports';
import { spawnService } from '../../../infra/local/supervisor';

const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

const waitUntil = async (condition: () => boolean | Promise<boolean>, timeoutMs: number) => {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition()) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
};

const node = (script: string) => ({ command: process.execPath, args: ['-e', script], env: {} });

describe('service supervisor', () => {
  let dir: string;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'supervisor-test-'));
  });

  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('names the service and shows its output when it exits before it is ready', async () => {
    // Arrange
    const spec = {
      name: 'doomed',
      ...node('console.error("no config"); process.exit(3)'),
      ready: { tcpPort: await freePort() },
      logFile: join(dir, 'doomed.log'),
    };
    // Act
    const started = spawnService(spec);
    // Assert
    await expect(started).rejects.toThrow(
      /doomed exited with code 3 before it was ready[\s\S]*no config/,
    );
  });

  it('names the service and what it waited for when it is never ready', async () => {
    // Arrange
    const port = await freePort();
    const spec = {
      name: 'sleepy',
      ...node('setInterval(() => {}, 1000)'),
      ready: { tcpPort: port },
      timeoutMs: 300,
      logFile: join(dir, 'sleepy.log'),
    };
    // Act
    const started = spawnService(spec);
    // Assert
    await expect(started).rejects.toThrow(
      `sleepy was not ready within 300 ms (waited for tcp 127.0.0.1:${port})`,
    );
  });

  it('stops the whole process group, grandchildren included', async () => {
    // Arrange
    const port = await freePort();
    const logFile = join(dir, 'parent.log');
    const script = `
      const { spawn } = require('node:child_process');
      const grandchild = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
      console.log('grandchild ' + grandchild.pid);
      require('node:net').createServer().listen(${port}, '127.0.0.1');`;
    const service = await spawnService({
      name: 'parent',
      ...node(script),
      ready: { tcpPort: port },
      logFile,
    });
    await waitUntil(async () => (await readFile(logFile, 'utf8')).includes('grandchild'), 5_000);
    const grandchild = Number(/grandchild (\d+)/.exec(await readFile(logFile, 'utf8'))![1]);
    // Act
    await service.stop();
    await waitUntil(() => !isAlive(grandchild), 2_000);
    // Assert
    expect(isAlive(service.pid)).toBe(false);
    expect(isAlive(grandchild)).toBe(false);
  });

  it('kills a child that ignores SIGTERM after the grace period', async () => {
    // Arrange
    const port = await freePort();
    const script = `process.on('SIGTERM', () => {}); require('node:net').createServer().listen(${port}, '127.0.0.1');`;
    const service = await spawnService({
      name: 'stubborn',
      ...node(script),
      ready: { tcpPort: port },
      logFile: join(dir, 'stubborn.log'),
    });
    // Act
    await service.stop();
    // Assert
    expect(await service.exited).toBeNull();
    expect(isAlive(service.pid)).toBe(false);
  });
});

describe('local ports', () => {
  let server: Server | undefined;

  afterEach(() => {
    server?.close();
    server = undefined;
  });

  it('names the port, the service and the variable to set when a port is in use', async () => {
    // Arrange
    const port = await freePort();
    server = createServer().listen(port, '127.0.0.1');
    await new Promise((resolve) => server!.once('listening', resolve));
    // Act
    const check = assertPortsFree({ dynamodb: port });
    // Assert
    await expect(check).rejects.toThrow(
      `port ${port} (DynamoDB Local) is in use; stop the other process or set LOCAL_DYNAMODB_PORT`,
    );
  });

  it('uses the fixed defaults, each overridable by its variable', () => {
    // Act
    const defaults = configuredPorts({});
    const overridden = configuredPorts({
      PORT: '4000',
      LOCAL_SQS_PORT: '19324',
      LOCAL_MATCHING_ETH_PORT: '13012',
    });
    // Assert
    expect(defaults).toEqual({
      api: 3000,
      dynamodb: 8000,
      sqs: 9324,
      cognito: 9229,
      kms: 4599,
      ws: 3002,
      'matching-btc': 3011,
      'matching-eth': 3012,
    });
    expect(overridden).toMatchObject({
      api: 4000,
      sqs: 19324,
      dynamodb: 8000,
      'matching-btc': 3011,
      'matching-eth': 13012,
    });
  });

  it('rejects a port variable that is not a port number', () => {
    // Act
    const parse = () => configuredPorts({ LOCAL_COGNITO_PORT: 'abc' });
    // Assert
    expect(parse).toThrow(
      "LOCAL_COGNITO_PORT must be a port number between 1 and 65535, got 'abc'",
    );
  });
});

describe('DynamoDB Local launcher', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it('tells how to install Java when there is none', async () => {
    // Arrange
    const empty = await mkdtemp(join(tmpdir(), 'no-java-'));
    vi.stubEnv('PATH', empty);
    vi.stubEnv('JAVA_HOME', '');
    // Act
    const started = startDynamoDbLocal({ port: await freePort(), dbDir: empty, inMemory: true });
    // Assert
    await expect(started).rejects.toThrow(javaMissingMessage);
    await rm(empty, { recursive: true, force: true });
  });
});
