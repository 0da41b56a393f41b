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
