import { GetQueueAttributesCommand, SQSClient } from '@aws-sdk/client-sqs';

/** A seeded generator (mulberry32): the same stream on every run. */
export function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Polls `probe` until it yields a value; throws after `timeoutMs`. */
export async function waitFor<T>(
  probe: () => Promise<T | undefined>,
  timeoutMs: number,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Messages on the queue, visible or in flight. */
export async function queueDepth(queueUrl: string): Promise<number> {
  const { Attributes = {} } = await new SQSClient({ useQueueUrlAsEndpoint: false }).send(
    new GetQueueAttributesCommand({
      QueueUrl: queueUrl,
      AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'],
    }),
  );
  return (
    Number(Attributes.ApproximateNumberOfMessages ?? 0) +
    Number(Attributes.ApproximateNumberOfMessagesNotVisible ?? 0)
  );
}

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
