import { buildApp } from 'fauxqs';
import { closeOnShutdown, portFromEnv } from '../child';
import { patchFauxqs } from './fifo-batches';

/**
 * The SQS stand-in: fauxqs 1.9.2 (JSON protocol, FIFO, dedup, redrive) on loopback only.
 * `startFauxqs` and its CLI always bind 0.0.0.0, so the app is built and bound here instead.
 * FIFO receives return up to ten messages of a group, as SQS does (`fifo-batches.ts`).
 * State is in memory only: the launcher recreates the queues on every start.
 */
await patchFauxqs();
const port = portFromEnv('SQS_PORT');
const app = buildApp({ logger: false });
await app.listen({ port, host: '127.0.0.1' });
console.log(`fauxqs listening on http://127.0.0.1:${port}`);
closeOnShutdown(() => app.close());
