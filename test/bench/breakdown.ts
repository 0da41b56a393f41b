import { parseArgs } from 'node:util';
import { OrderBook } from '../../matching-service/src/engine';
import type { BookEvent } from '../../matching-service/src/engine';
import { DEFAULT_BOOK_CONFIG } from '../../matching-service/src/engine/order-book';
import { ourCommand } from './engines';
import { OpChunk, WorkloadGenerator } from './workload';

/**
 * Where our engine's time goes on the standard workload, in one fresh process: the same ops
 * run as (1) input only — the command objects and id strings every engine pass builds, no
 * book; (2) the book with its duplicate-id memory switched off (`seenIdCapacity: 0`, which
 * this workload never needs); (3) the book as the service configures it. Passes alternate so
 * machine noise hits all three alike; the median ns/op of each is printed as one JSON line.
 */
const { values } = parseArgs({
  options: {
    seed: { type: 'string', default: '42' },
    ops: { type: 'string', default: '1000000' },
    passes: { type: 'string', default: '5' },
  },
});

const seed = Number(values.seed);
const ops = Number(values.ops);
const passes = Number(values.passes);
const targetLive = 10_000;
const generator = new WorkloadGenerator({ seed, targetLive });
const chunk = new OpChunk(targetLive + ops);
generator.prefill(chunk, targetLive);
const start = chunk.length;
generator.generate(chunk, ops);

let sink = 0;
const drain = (out: BookEvent[]): void => {
  for (let k = 0; k < out.length; k++) {
    const event = out[k]!;
    if (event.type === 'trade') sink += event.quantity;
  }
};

const gc = (globalThis as { gc?: () => void }).gc;
if (gc === undefined) throw new Error('run with node --expose-gc');

const inputOnly = (): number => {
  gc();
  const t0 = process.hrtime.bigint();
  for (let i = start; i < chunk.length; i++) sink += ourCommand(chunk, i).orderId.length;
  return Number(process.hrtime.bigint() - t0) / ops;
};

const book = (seenIdCapacity: number) => (): number => {
  const b = new OrderBook({ seenIdCapacity });
  for (let i = 0; i < start; i++) drain(b.apply(ourCommand(chunk, i)));
  gc();
  const t0 = process.hrtime.bigint();
  for (let i = start; i < chunk.length; i++) drain(b.apply(ourCommand(chunk, i)));
  return Number(process.hrtime.bigint() - t0) / ops;
};

const variants = {
  input: inputOnly,
  noDuplicateMemory: book(0),
  full: book(DEFAULT_BOOK_CONFIG.seenIdCapacity),
};
const samples: Record<keyof typeof variants, number[]> = {
  input: [],
  noDuplicateMemory: [],
  full: [],
};
for (const run of Object.values(variants)) run();
for (let p = 0; p < passes; p++) {
  for (const [name, run] of Object.entries(variants)) {
    samples[name as keyof typeof variants].push(run());
  }
}
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;
process.stdout.write(
  `${JSON.stringify({
    seed,
    ops,
    passes,
    seenIdCapacity: DEFAULT_BOOK_CONFIG.seenIdCapacity,
    nsPerOp: {
      input: median(samples.input),
      noDuplicateMemory: median(samples.noDuplicateMemory),
      full: median(samples.full),
    },
    checksum: sink,
  })}\n`,
);
