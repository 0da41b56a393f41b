import { parseArgs } from 'node:util';
import { OursAdapter, diffEndStates, ladderEndState } from './engines';
import { OpChunk, WorkloadGenerator } from './workload';

/**
 * Replay throughput (recovery speed): a fresh book applies `--ops` generated commands,
 * streamed in chunks of 100k so the stream is never held in memory. Only `apply` is timed
 * (command objects are built inside the timed loop); generation is reported separately.
 */
const { values } = parseArgs({
  options: {
    seed: { type: 'string', default: '42' },
    'target-live': { type: 'string', default: '10000' },
    ops: { type: 'string', default: '10000000' },
  },
});

const CHUNK = 100_000;
const seed = Number(values.seed);
const targetLive = Number(values['target-live']);
const ops = Number(values.ops);

const generator = new WorkloadGenerator({ seed, targetLive });
const engine = new OursAdapter();
const chunk = new OpChunk(Math.max(CHUNK, targetLive));
let applySeconds = 0;
let generateSeconds = 0;

const timed = (work: () => void): number => {
  const t0 = process.hrtime.bigint();
  work();
  return Number(process.hrtime.bigint() - t0) / 1e9;
};

generateSeconds += timed(() => generator.prefill(chunk, targetLive));
applySeconds += timed(() => engine.apply(chunk, 0, chunk.length));
let done = 0;
while (done < ops) {
  const n = Math.min(CHUNK, ops - done);
  chunk.base += chunk.length;
  chunk.length = 0;
  generateSeconds += timed(() => generator.generate(chunk, n));
  applySeconds += timed(() => engine.apply(chunk, 0, n));
  done += n;
}
const expected = ladderEndState(generator.book);
const diff = diffEndStates(expected, engine.endState());
if (diff.length > 0) throw new Error(`replay end state differs: ${diff.join('; ')}`);
const memory = process.memoryUsage();
process.stdout.write(
  `${JSON.stringify({
    seed,
    targetLive,
    ops,
    applySeconds,
    opsPerSecond: ops / applySeconds,
    generateSeconds,
    stateHash: engine.book.stateHash(),
    heapUsedMb: memory.heapUsed / 2 ** 20,
    rssMb: memory.rss / 2 ** 20,
    expected,
  })}\n`,
);
