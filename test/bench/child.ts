import { parseArgs } from 'node:util';
import type { EngineAdapter } from './engines';
import { OursAdapter, PeerAdapter, diffEndStates, ladderEndState } from './engines';
import { latencyPass, throughputPass } from './measure';
import type { LatencyResult, PassResult } from './measure';
import { OpChunk, WorkloadGenerator } from './workload';

/**
 * One engine on one workload in a fresh process (`node --expose-gc --import tsx`): generate
 * the seeded stream, warm up, run the throughput passes and the latency pass, and print one
 * JSON line. Every pass's end state is checked against the generator's before printing.
 */
const { values } = parseArgs({
  options: {
    engine: { type: 'string', default: 'ours' },
    seed: { type: 'string', default: '42' },
    'target-live': { type: 'string', default: '10000' },
    ops: { type: 'string', default: '1000000' },
    passes: { type: 'string', default: '3' },
    warmup: { type: 'string', default: '200000' },
    latency: { type: 'boolean', default: true },
    'no-latency': { type: 'boolean', default: false },
  },
});

const seed = Number(values.seed);
const targetLive = Number(values['target-live']);
const ops = Number(values.ops);
const passes = Number(values.passes);
const warmup = Math.min(ops, Number(values.warmup));

const generator = new WorkloadGenerator({ seed, targetLive });
const chunk = new OpChunk(targetLive + ops);
const genStart = process.hrtime.bigint();
generator.prefill(chunk, targetLive);
const start = chunk.length;
generator.generate(chunk, ops);
const generateSeconds = Number(process.hrtime.bigint() - genStart) / 1e9;
const expected = ladderEndState(generator.book);

const engine: EngineAdapter = values.engine === 'peer' ? new PeerAdapter() : new OursAdapter();

const check = (label: string, result: PassResult): void => {
  const diff = diffEndStates(expected, result.endState);
  if (diff.length > 0)
    throw new Error(`${engine.name} ${label} end state differs: ${diff.join('; ')}`);
};

const main = async (): Promise<void> => {
  engine.reset();
  engine.apply(chunk, 0, start + warmup);
  const throughput: PassResult[] = [];
  for (let p = 0; p < passes; p++) {
    const result = throughputPass(engine, chunk, start, start + ops);
    check(`throughput pass ${p + 1}`, result);
    throughput.push(result);
  }
  let latency: LatencyResult | null = null;
  if (!values['no-latency']) {
    latency = await latencyPass(engine, chunk, start, start + ops);
    check('latency pass', latency);
  }
  const counts = [0, 0, 0, 0];
  for (let i = start; i < start + ops; i++) counts[chunk.kind[i]!]!++;
  process.stdout.write(
    `${JSON.stringify({
      engine: engine.name,
      version: engine.version,
      seed,
      targetLive,
      ops,
      warmup,
      generateSeconds,
      mix: counts,
      averageLiveHint: generator.book.liveCount,
      expected,
      throughput,
      latency,
    })}\n`,
  );
};

await main();
