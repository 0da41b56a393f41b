import type { DependencyName } from '../../shared/contracts/meta';

/** Checks one dependency; resolves with an optional detail when up, throws when down. */
export interface DependencyProbe {
  readonly name: DependencyName;
  check(): Promise<string | undefined>;
}

/** Monotonic milliseconds for latency, and wall time for the report. */
export interface Clock {
  monotonicMs(): number;
  now(): Date;
}
