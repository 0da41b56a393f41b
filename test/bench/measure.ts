import { PerformanceObserver } from 'node:perf_hooks';
import type { EndState, EngineAdapter } from './engines';
import type { OpChunk } from './workload';
import { KIND_NAMES } from './workload';

/** Latency percentiles in nanoseconds. */
export interface Percentiles {
  readonly count: number;
  readonly p50: number;
  readonly p99: number;
  readonly p999: number;
  readonly p9999: number;
  readonly max: number;
}

/** GC pauses observed during a pass. */
export interface GcStats {
  readonly count: number;
  readonly totalMs: number;
  readonly worstMs: number;
}

/** Result of one timed pass. */
export interface PassResult {
  readonly seconds: number;
  readonly opsPerSecond: number;
  readonly endState: EndState;
}

/** Result of the latency pass: overall and per op kind. */
export interface LatencyResult extends PassResult {
  readonly overall: Percentiles;
  readonly byKind: Record<string, Percentiles>;
  readonly gc: GcStats;
  readonly timerOverheadNs: number;
}

const gc = (): void => {
  const collect = (globalThis as { gc?: () => void }).gc;
  if (collect === undefined) throw new Error('run with node --expose-gc');
  collect();
};

const percentiles = (sorted: Float64Array): Percentiles => {
  const at = (q: number): number =>
    sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  return {
    count: sorted.length,
    p50: at(0.5),
    p99: at(0.99),
    p999: at(0.999),
    p9999: at(0.9999),
    max: sorted.length === 0 ? 0 : sorted[sorted.length - 1]!,
  };
};

/** Median cost of an empty `hrtime.bigint()` pair, included in every latency figure. */
export const timerOverhead = (): number => {
  const samples = new Float64Array(200_000);
  for (let i = 0; i < samples.length; i++) {
    const t0 = process.hrtime.bigint();
    samples[i] = Number(process.hrtime.bigint() - t0);
  }
  return percentiles(samples.sort()).p50;
};

/** Fresh book, untimed prefill `[0, start)`, then ops `[start, end)` with no per-op timer. */
export const throughputPass = (
  engine: EngineAdapter,
  chunk: OpChunk,
  start: number,
  end: number,
): PassResult => {
  engine.reset();
  engine.apply(chunk, 0, start);
  gc();
  const t0 = process.hrtime.bigint();
  engine.apply(chunk, start, end);
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  return { seconds, opsPerSecond: (end - start) / seconds, endState: engine.endState() };
};

/**
 * Fresh book and prefill, then every op timed into a pre-touched Float64Array while a
 * PerformanceObserver records GC pauses.
 */
export const latencyPass = async (
  engine: EngineAdapter,
  chunk: OpChunk,
  start: number,
  end: number,
): Promise<LatencyResult> => {
  const latencies = new Float64Array(end - start).fill(1);
  const timerOverheadNs = timerOverhead();
  engine.reset();
  engine.apply(chunk, 0, start);
  gc();
  const pauses: number[] = [];
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) pauses.push(entry.duration);
  });
  observer.observe({ entryTypes: ['gc'] });
  const t0 = process.hrtime.bigint();
  engine.applyTimed(chunk, start, end, latencies);
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  await new Promise((resolve) => setTimeout(resolve, 100));
  observer.disconnect();
  const counts = new Int32Array(KIND_NAMES.length);
  for (let i = start; i < end; i++) counts[chunk.kind[i]!]!++;
  const perKind = Array.from(counts, (n) => new Float64Array(n));
  const filled = new Int32Array(KIND_NAMES.length);
  for (let i = start; i < end; i++) {
    const kind = chunk.kind[i]!;
    perKind[kind]![filled[kind]!++] = latencies[i - start]!;
  }
  const byKind: Record<string, Percentiles> = {};
  KIND_NAMES.forEach((name, kind) => (byKind[name] = percentiles(perKind[kind]!.sort())));
  return {
    seconds,
    opsPerSecond: (end - start) / seconds,
    endState: engine.endState(),
    overall: percentiles(latencies.sort()),
    byKind,
    gc: {
      count: pauses.length,
      totalMs: pauses.reduce((s, d) => s + d, 0),
      worstMs: pauses.reduce((m, d) => Math.max(m, d), 0),
    },
    timerOverheadNs,
  };
};
