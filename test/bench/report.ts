import type { EndState } from './engines';
import type { LatencyResult, PassResult, Percentiles } from './measure';

/** What one child process printed for one engine on one workload. */
export interface EngineRun {
  readonly engine: string;
  readonly version: string;
  readonly seed: number;
  readonly targetLive: number;
  readonly ops: number;
  readonly warmup: number;
  readonly mix: number[];
  readonly expected: EndState;
  readonly throughput: PassResult[];
  readonly latency: LatencyResult | null;
}

/** One workload run for every engine. */
export interface WorkloadReport {
  readonly name: string;
  readonly runs: EngineRun[];
}

/** The replay child's output. */
export interface ReplayReport {
  readonly ops: number;
  readonly applySeconds: number;
  readonly opsPerSecond: number;
  readonly generateSeconds: number;
  readonly stateHash: string;
  readonly heapUsedMb: number;
}

/** The breakdown child's output: median ns per op of each variant (see `breakdown.ts`). */
export interface BreakdownReport {
  readonly seenIdCapacity: number;
  readonly nsPerOp: {
    readonly input: number;
    readonly noDuplicateMemory: number;
    readonly full: number;
  };
}

/** Everything a bench run writes to `results/<date>.json`. */
export interface BenchReport {
  readonly startedAt: string;
  readonly seconds: number;
  readonly machine: Record<string, unknown>;
  readonly options: Record<string, unknown>;
  readonly workloads: WorkloadReport[];
  readonly replay: ReplayReport;
  readonly breakdown: BreakdownReport;
  readonly goals: { goal: string; value: string; met: boolean }[];
}

const ns = (value: number): string =>
  value >= 1e6
    ? `${(value / 1e6).toFixed(1)} ms`
    : value >= 1e3
      ? `${(value / 1e3).toFixed(1)} µs`
      : `${Math.round(value)} ns`;

const rate = (value: number): string =>
  value >= 1e6 ? `${(value / 1e6).toFixed(2)}M` : `${(value / 1e3).toFixed(0)}k`;

/** Median of the throughput passes. */
export const medianOpsPerSecond = (run: EngineRun): number => {
  const sorted = run.throughput.map((p) => p.opsPerSecond).sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
};

const triple = (p: Percentiles | undefined): string =>
  p === undefined ? '–' : `${ns(p.p50)} / ${ns(p.p99)} / ${ns(p.p999)}`;

const workloadTable = (w: WorkloadReport): string[] => {
  const first = w.runs[0]!;
  const mix = first.mix.map((n) => `${((100 * n) / first.ops).toFixed(1)} %`).join(' / ');
  const lines = [
    `### ${w.name}: ${first.ops.toLocaleString('en')} ops, target ${first.targetLive.toLocaleString('en')} resting, seed ${first.seed}`,
    '',
    `Mix (limit rest / limit cross / market / cancel): ${mix}. Expected end state (generator): ${JSON.stringify(first.expected)}.`,
    '',
    '| engine | version | passes | ops/s median (min–max) | p50 | p99 | p99.9 | p99.99 | max | worst GC pause (count) | end state |',
    '|---|---|---|---|---|---|---|---|---|---|---|',
  ];
  for (const run of w.runs) {
    const rates = run.throughput.map((p) => p.opsPerSecond);
    const l = run.latency;
    lines.push(
      `| ${run.engine} | ${run.version} | ${run.throughput.length} | ${rate(medianOpsPerSecond(run))} (${rate(Math.min(...rates))}–${rate(Math.max(...rates))}) | ${
        l === null
          ? '– | – | – | – | –'
          : `${ns(l.overall.p50)} | ${ns(l.overall.p99)} | ${ns(l.overall.p999)} | ${ns(l.overall.p9999)} | ${ns(l.overall.max)}`
      } | ${l === null ? '–' : `${l.gc.worstMs.toFixed(1)} ms (${l.gc.count})`} | identical |`,
    );
  }
  lines.push(
    '',
    '| engine | limit that rests (p50 / p99 / p99.9) | limit that crosses | market | cancel |',
    '|---|---|---|---|---|',
  );
  for (const run of w.runs) {
    const k = run.latency?.byKind;
    const cells = ['limit-rest', 'limit-cross', 'market', 'cancel'].map((kind) =>
      triple(k?.[kind]),
    );
    lines.push(`| ${run.engine} | ${cells.join(' | ')} |`);
  }
  return [...lines, ''];
};

/**
 * Where our time goes on the standard workload: the breakdown child's figures, and the share
 * of the latency pass spent in GC pauses.
 */
const breakdownTable = (report: BenchReport): string[] => {
  const { input, noDuplicateMemory, full } = report.breakdown.nsPerOp;
  const latency = report.workloads[0]?.runs[0]?.latency;
  const gcShare =
    latency === null || latency === undefined
      ? '–'
      : `${latency.gc.totalMs.toFixed(0)} ms of ${latency.seconds.toFixed(2)} s (${(latency.gc.totalMs / 10 / latency.seconds).toFixed(1)} %)`;
  return [
    '### Where our time goes (standard workload)',
    '',
    'Median ns per op over alternating passes in one process (`test/bench/breakdown.ts`).',
    '',
    '| part | ns/op |',
    '|---|---|',
    `| input: building each command object and its id string (every pass pays this) | ${input.toFixed(0)} |`,
    `| matching, events and the live-order index | ${(noDuplicateMemory - input).toFixed(0)} |`,
    `| the duplicate-id memory (${report.breakdown.seenIdCapacity.toLocaleString('en')} finished ids) | ${(full - noDuplicateMemory).toFixed(0)} |`,
    `| total, as configured in the service | ${full.toFixed(0)} (${rate(1e9 / full)} ops/s) |`,
    '',
    `GC pauses during the latency pass: ${gcShare}.`,
    '',
  ];
};

/** The markdown written to `results/latest.md` and printed. */
export const renderMarkdown = (report: BenchReport): string => {
  const lines = [
    `# Matching engine benchmark (${report.startedAt})`,
    '',
    `Machine: ${JSON.stringify(report.machine)}. Options: ${JSON.stringify(report.options)}. Total ${report.seconds.toFixed(0)} s.`,
    'Each engine ran in a fresh `node --expose-gc --import tsx` process; latencies include the `hrtime.bigint()` pair (timer overhead in the JSON). Compare engines within one run only.',
    '',
  ];
  for (const w of report.workloads) lines.push(...workloadTable(w));
  lines.push(...breakdownTable(report));
  const r = report.replay;
  lines.push(
    '### Replay',
    '',
    `${r.ops.toLocaleString('en')} generated commands applied to a fresh book, streamed in 100k chunks: **${r.applySeconds.toFixed(2)} s** (${rate(r.opsPerSecond)} ops/s; generation ${r.generateSeconds.toFixed(2)} s, not included). Final stateHash \`${r.stateHash}\`, heap ${r.heapUsedMb.toFixed(0)} MB.`,
    '',
    '### Goals (measured, not asserted)',
    '',
    '| goal | measured | met |',
    '|---|---|---|',
    ...report.goals.map((g) => `| ${g.goal} | ${g.value} | ${g.met ? 'yes' : 'no'} |`),
    '',
  );
  return lines.join('\n');
};

/** The issue's targets against this run's figures for our engine. */
export const evaluateGoals = (standard: EngineRun, deep: EngineRun, replay: ReplayReport) => {
  const l = standard.latency!;
  const d = deep.latency!;
  return [
    {
      goal: 'standard ≥ 4M ops/s (median)',
      value: rate(medianOpsPerSecond(standard)),
      met: medianOpsPerSecond(standard) >= 4e6,
    },
    { goal: 'standard p99 ≤ 1 µs', value: ns(l.overall.p99), met: l.overall.p99 <= 1_000 },
    {
      goal: 'deep cancel p99 ≤ 1 µs',
      value: ns(d.byKind['cancel']!.p99),
      met: d.byKind['cancel']!.p99 <= 1_000,
    },
    {
      goal: 'standard cancel p99 ≤ 1 µs',
      value: ns(l.byKind['cancel']!.p99),
      met: l.byKind['cancel']!.p99 <= 1_000,
    },
    {
      goal: 'no GC pause > 5 ms (standard latency pass)',
      value: `${l.gc.worstMs.toFixed(1)} ms`,
      met: l.gc.worstMs <= 5,
    },
    {
      goal: 'deep p99 ≤ 2× standard p99',
      value: `${ns(d.overall.p99)} vs ${ns(l.overall.p99)}`,
      met: d.overall.p99 <= 2 * l.overall.p99,
    },
    {
      goal: 'replay 10M commands ≤ 5 s',
      value: `${replay.applySeconds.toFixed(2)} s for ${rate(replay.ops)}`,
      met: replay.applySeconds * (1e7 / replay.ops) <= 5,
    },
  ];
};
