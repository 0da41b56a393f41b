import { raceTimeout, TIMED_OUT } from '../../shared/async/race-timeout';
import type { DependencyName, Health } from '../../shared/contracts/meta';
import type { Clock, DependencyProbe } from './ports';

export const PROBE_TIMEOUT_MS = 3_000;

type DependencyHealth = Health['dependencies'][DependencyName];

async function probe(dependency: DependencyProbe, clock: Clock): Promise<DependencyHealth> {
  const started = clock.monotonicMs();
  const latency = () => Math.max(0, Math.round(clock.monotonicMs() - started));
  try {
    const detail = await raceTimeout(dependency.check(), PROBE_TIMEOUT_MS);
    if (detail === TIMED_OUT) throw new Error(`no answer within ${PROBE_TIMEOUT_MS} ms`);
    return { status: 'up', latency_ms: latency(), ...(detail ? { detail } : {}) };
  } catch (error) {
    const detail = error instanceof Error ? error.message : 'unreachable';
    return { status: 'down', latency_ms: latency(), detail };
  }
}

/**
 * Probes every dependency in parallel, each bounded by a timeout, and reports each one's status
 * and latency. The API is `ok` only when all are up.
 */
export async function checkHealth(
  probes: readonly DependencyProbe[],
  clock: Clock,
  version: string,
): Promise<Health> {
  const results = await Promise.all(
    probes.map(async (p) => [p.name, await probe(p, clock)] as const),
  );
  const byName = new Map(results);
  const get = (name: DependencyName): DependencyHealth =>
    byName.get(name) ?? { status: 'down', latency_ms: 0, detail: 'not configured' };
  const dependencies = {
    dynamodb: get('dynamodb'),
    sqs: get('sqs'),
    cognito: get('cognito'),
    kms: get('kms'),
    matching: get('matching'),
  };
  const allUp = Object.values(dependencies).every((d) => d.status === 'up');
  return {
    status: allUp ? 'ok' : 'degraded',
    version,
    checked_at: clock.now().toISOString(),
    dependencies,
  };
}
