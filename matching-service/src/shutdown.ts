import { raceTimeout, TIMED_OUT } from '../../shared/async/race-timeout';

/** ECS sends SIGTERM, then SIGKILL this long after (the task's stop timeout). */
export const STOP_TIMEOUT_MS = 30_000;
/** How long after the signal the drain waits for publishing and settlement. */
const DRAIN_MS = 20_000;
/** How long after the signal a drain still running counts as stuck. */
const FORCE_EXIT_MS = 25_000;

/**
 * Every deadline of one shutdown, as epoch ms derived from the moment it began. Deriving them
 * all from the signal (not from when a step starts) keeps a slow step from pushing the next
 * step's deadline past the forced exit, so a drain that respects `drainBy` always exits 0.
 */
export interface ShutdownPlan {
  /** When the signal arrived. */
  readonly startedAt: number;
  /**
   * Publishing and settlement are waited for until then; what is left is picked up by the
   * next start (recovery republishes unpublished records and resettles after the cursor).
   */
  readonly drainBy: number;
  /** A drain still running then is stuck: exit 1 before ECS kills the task. */
  readonly forceExitAt: number;
}

/** The deadlines of a shutdown that began at `startedAt` (epoch ms). */
export function shutdownPlan(startedAt: number): ShutdownPlan {
  return { startedAt, drainBy: startedAt + DRAIN_MS, forceExitAt: startedAt + FORCE_EXIT_MS };
}

/** What the drain waits for once the consumer has journaled its last batch. */
export interface DrainSteps {
  /** Resolves when every journaled record is published. */
  readonly published: () => Promise<void>;
  /** Resolves true when settlement caught up, false when `deadlineMs` passed first. */
  readonly settled: (deadlineMs: number) => Promise<boolean>;
}

/** Whether each step finished before the plan's `drainBy`. */
export interface DrainOutcome {
  readonly published: boolean;
  readonly settled: boolean;
}

/**
 * Waits for publishing, then settlement, each only until the plan's `drainBy`, so the drain is
 * over by then however long the steps before it took.
 */
export async function drain(
  plan: ShutdownPlan,
  steps: DrainSteps,
  now: () => number = Date.now,
): Promise<DrainOutcome> {
  const published = (await raceTimeout(steps.published(), plan.drainBy - now())) !== TIMED_OUT;
  const settled = await steps.settled(plan.drainBy);
  return { published, settled };
}
