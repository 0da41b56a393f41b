import { createAwsClients } from '../../shared/aws/clients';
import { loadConfig } from '../../shared/config/load-config';
import { createLogger, type Logger } from '../../shared/logging/logger';
import { awsHealthProbes } from './aws-health-probes';
import { healthConfigSchema } from './config';
import type { Clock, DependencyProbe } from './ports';

export interface HealthDeps {
  readonly probes: readonly DependencyProbe[];
  readonly clock: Clock;
  readonly version: string;
  readonly logger: Logger;
}

export const systemClock: Clock = {
  monotonicMs: () => performance.now(),
  now: () => new Date(),
};

/** Composition root of the health function, run once per cold start. */
export function buildHealthDeps(): HealthDeps {
  const config = loadConfig(healthConfigSchema);
  return {
    probes: awsHealthProbes(createAwsClients(), config, systemClock.now),
    clock: systemClock,
    version: config.APP_VERSION,
    logger: createLogger('meta'),
  };
}
