import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundleMatchingService } from '../../../matching-service/bundle';
import { queueDepth, waitFor } from '../../support/polling';

/** Waits until the queue is empty and the service reports nothing left to settle. */
export async function drained(
  queueUrl: string,
  health: () => Promise<{ settlement?: { backlog: number } } | undefined>,
  timeoutMs = 120_000,
): Promise<void> {
  await waitFor(async () => {
    if ((await queueDepth(queueUrl)) > 0) return undefined;
    const report = await health();
    return report?.settlement?.backlog === 0 ? true : undefined;
  }, timeoutMs);
}

/** The matching service's image bundle (`matching-service/bundle.ts`), built into a temp dir. */
export async function matchingBundle(): Promise<string> {
  const outfile = join(mkdtempSync(join(tmpdir(), 'matching-bundle-')), 'main.mjs');
  await bundleMatchingService(outfile);
  return outfile;
}

/**
 * One matching process of the image's bundle, run as the image runs it (a restart boots in
 * about a second, where `tsx` takes several), that a test can SIGKILL and restart.
 */
export class MatchingProcess {
  private child: ChildProcess | undefined;
  /** How many times `kill` has been called. */
  kills = 0;

  constructor(
    private readonly bundle: string,
    private readonly env: NodeJS.ProcessEnv,
    private readonly log: number,
  ) {}

  /** Spawns a process with the bundle, the environment and the log file it was built with. */
  start(): void {
    this.child = spawn(process.execPath, ['--enable-source-maps', this.bundle], {
      env: this.env,
      stdio: ['ignore', this.log, this.log],
    });
  }

  /** SIGKILL, and a fresh process once the killed one is gone (so its port is free). */
  async kill(): Promise<void> {
    this.kills += 1;
    await this.signal('SIGKILL');
    this.start();
  }

  /** SIGTERM (the service drains), resolved once the process is gone. */
  async stop(): Promise<void> {
    await this.signal('SIGTERM');
  }

  /** The service's `/health` answer, or undefined while it is down or recovering. */
  async health(port: string): Promise<{ settlement?: { backlog: number } } | undefined> {
    const answer = await fetch(`http://127.0.0.1:${port}/health`).catch(() => undefined);
    return answer?.ok ? ((await answer.json()) as { settlement: { backlog: number } }) : undefined;
  }

  private async signal(signal: NodeJS.Signals): Promise<void> {
    const child = this.child;
    if (child === undefined || child.exitCode !== null || child.signalCode !== null) return;
    const gone = new Promise((done) => child.once('exit', done));
    child.kill(signal);
    await gone;
  }
}
