import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { diffEndStates } from './engines';
import type {
  BenchReport,
  BreakdownReport,
  EngineRun,
  ReplayReport,
  WorkloadReport,
} from './report';
import { evaluateGoals, renderMarkdown } from './report';

/**
 * `npm run bench [-- --ops N --seed S --quick]`: our engine and nodejs-order-book on the same
 * seeded workloads (perf-anchors §2: standard ~10k resting, deep ~100k resting), each in a
 * fresh child process, then 10M-command replay. Fails loudly when any engine's end state
 * differs from the generator's. Writes `results/<date>.json` and `results/latest.md`.
 */
const { values } = parseArgs({
  options: {
    ops: { type: 'string' },
    seed: { type: 'string', default: '42' },
    quick: { type: 'boolean', default: false },
  },
});

const here = dirname(fileURLToPath(import.meta.url));
const quick = values.quick;
const seed = values.seed;
const ops = Number(values.ops ?? (quick ? 20_000 : 1_000_000));
const deepOps = quick ? 10_000 : Math.round(ops * 0.3);
const deepLive = quick ? 20_000 : 100_000;
const replayOps = quick ? 200_000 : 10 * ops;

const child = (script: string, args: string[]): Promise<string> =>
  new Promise((resolve, reject) => {
    const proc = spawn(
      process.execPath,
      ['--expose-gc', '--import', 'tsx', join(here, script), ...args],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    let out = '';
    proc.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    proc.on('error', reject);
    proc.on('close', (code) =>
      code === 0
        ? resolve(out)
        : reject(new Error(`${script} ${args.join(' ')} exited with ${code}`)),
    );
  });

const engineRun = async (
  engine: string,
  args: Record<string, string | number>,
): Promise<EngineRun> => {
  const flags = Object.entries(args).flatMap(([k, v]) => [`--${k}`, String(v)]);
  console.error(`  ${engine}: ${flags.join(' ')}`);
  const lines = (await child('child.ts', ['--engine', engine, '--seed', seed, ...flags]))
    .trim()
    .split('\n');
  return JSON.parse(lines[lines.length - 1]!) as EngineRun;
};

const crossCheck = (workload: WorkloadReport): void => {
  const [ours, ...others] = workload.runs;
  for (const other of others) {
    const diff = diffEndStates(ours!.expected, other.expected);
    const end = diffEndStates(ours!.throughput[0]!.endState, other.throughput[0]!.endState);
    if (diff.length + end.length > 0) {
      throw new Error(
        `END STATE MISMATCH in ${workload.name} (${ours!.engine} vs ${other.engine}): ${[...diff, ...end].join('; ')}`,
      );
    }
  }
};

const workload = async (
  name: string,
  common: Record<string, number>,
  peer: Record<string, number>,
) => {
  console.error(`${name}:`);
  const report: WorkloadReport = {
    name,
    runs: [
      await engineRun('ours', { ...common, passes: 3 }),
      await engineRun('peer', { ...common, ...peer }),
    ],
  };
  crossCheck(report);
  return report;
};

const main = async (): Promise<void> => {
  const started = Date.now();
  const startedAt = new Date(started).toISOString();
  const loadBefore = loadavg();
  const standard = await workload(
    'Standard workload',
    { ops, 'target-live': 10_000, warmup: Math.min(200_000, ops) },
    { passes: 3 },
  );
  const deep = await workload(
    'Deep book',
    { ops: deepOps, 'target-live': deepLive, warmup: Math.min(60_000, deepOps) },
    { passes: 1, warmup: Math.min(10_000, deepOps) },
  );
  console.error(`replay: ${replayOps} ops`);
  const replayLines = (await child('replay.ts', ['--seed', seed, '--ops', String(replayOps)]))
    .trim()
    .split('\n');
  const replay = JSON.parse(replayLines[replayLines.length - 1]!) as ReplayReport;
  console.error('breakdown: standard workload');
  const breakdownLines = (await child('breakdown.ts', ['--seed', seed, '--ops', String(ops)]))
    .trim()
    .split('\n');
  const breakdown = JSON.parse(breakdownLines[breakdownLines.length - 1]!) as BreakdownReport;
  const report: BenchReport = {
    startedAt,
    seconds: (Date.now() - started) / 1000,
    machine: {
      cpu: cpus()[0]?.model,
      cores: cpus().length,
      memoryGb: Math.round(totalmem() / 2 ** 30),
      node: process.version,
      loadBefore: loadBefore.map((x) => x.toFixed(2)).join(' '),
      loadAfter: loadavg()
        .map((x) => x.toFixed(2))
        .join(' '),
    },
    options: { seed: Number(seed), ops, deepOps, deepLive, replayOps, quick },
    workloads: [standard, deep],
    replay,
    breakdown,
    goals: evaluateGoals(standard.runs[0]!, deep.runs[0]!, replay),
  };
  const dir = join(here, 'results');
  mkdirSync(dir, { recursive: true });
  const markdown = renderMarkdown(report);
  writeFileSync(
    join(dir, `${startedAt.replace(/[:.]/g, '-')}.json`),
    `${JSON.stringify(report, null, 2)}\n`,
  );
  writeFileSync(join(dir, 'latest.md'), markdown);
  console.log(markdown);
};

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
